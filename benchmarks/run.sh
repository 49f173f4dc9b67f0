#!/usr/bin/env bash
# run.sh: build the benchmarks and run the whole set, printing the table of benchmarks/README.md.
#   benchmarks/run.sh                     the short default configuration: 2 rounds, about 6½ minutes on 2 cores
#   benchmarks/run.sh --rounds 3 -wi 3 -i 8   the longer one
#   benchmarks/run.sh --rounds 1 -prof gc WakePoll   any JMH option; a regex restricts the set
# Maven selects a JDK 21+ itself (maven-toolchains-plugin) and JMH forks from that JDK, so no
# JAVA_HOME is needed. The table is also written to benchmarks/target/benchmark-table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven 3.8 prints stray colour resets around a quiet build; strip them from the output.
mvn -q -B -Dstyle.color=never -Pbench -pl benchmarks -am package -DskipTests -Dbench.args="$*" 2>&1 \
  | sed -u 's/\x1b\[0m//g'
