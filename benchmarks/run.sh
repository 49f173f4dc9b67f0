#!/usr/bin/env bash
# run.sh: build the benchmarks and run a set, printing its table for benchmarks/README.md.
#   benchmarks/run.sh --side-by-side              the side-by-side set (A and B interleaved in one JVM): a few minutes
#   benchmarks/run.sh --side-by-side --rounds 9   more round pairs a row
#   benchmarks/run.sh --side-by-side agent        a regex restricts it to some of its sets
#                                                 (executor, structures, await, memory, agent)
#   benchmarks/run.sh                             the JMH set (absolute figures), short configuration: about 6½ minutes
#   benchmarks/run.sh --rounds 3 -wi 3 -i 8       the longer JMH configuration
#   benchmarks/run.sh --rounds 1 -prof gc WakePoll   any JMH option; a regex restricts the set
# Maven selects a JDK 21+ itself (maven-toolchains-plugin) and JMH forks from that JDK, so no
# JAVA_HOME is needed. The tables are also written to benchmarks/target/side-by-side.md and
# benchmarks/target/benchmark-table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
main=dev.lockstep.benchmarks.report.Report
if [[ "${1:-}" == "--side-by-side" ]]; then
  main=dev.lockstep.benchmarks.sidebyside.SideBySideReport
  shift
fi
# Maven 3.8 prints stray colour resets around a quiet build; strip them from the output.
mvn -q -B -Dstyle.color=never -Pbench -pl benchmarks -am package -DskipTests -Dbench.main="$main" -Dbench.args="$*" 2>&1 \
  | sed -u 's/\x1b\[0m//g'
