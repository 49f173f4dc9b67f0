#!/usr/bin/env bash
# run.sh: build the benchmarks and run the whole set, printing the table of benchmarks/README.md.
#   benchmarks/run.sh                     the short default configuration (under 10 minutes on 2 cores)
#   benchmarks/run.sh -wi 5 -i 10 -f 3    the longer one
#   benchmarks/run.sh -prof gc WakePoll   any JMH option; a regex restricts the set
# Maven selects a JDK 21+ itself (maven-toolchains-plugin) and JMH forks from that JDK, so no
# JAVA_HOME is needed. The table is also written to benchmarks/target/benchmark-table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven 3.8 prints stray colour resets around a quiet build; strip them from the output.
mvn -q -B -Dstyle.color=never -Pbench -pl benchmarks -am package -DskipTests -Dbench.args="$*" 2>&1 \
  | sed -u 's/\x1b\[0m//g'
