#!/usr/bin/env bash
# Pools the runs in turns of several benchmark batches of one build and prints, for every
# getty server and the control, the pooled p99s, their ratio and its 95 % interval, e.g.:
#   getty-benchmarks/pool.sh getty-benchmarks/target/bench-results/1796646380218 /tmp/batch2
# Each argument is the results directory a getty-benchmarks/run.sh run printed.
set -euo pipefail
# The directories as given, before the script moves to the project's root.
DIRECTORIES=()
for directory in "$@"; do
	DIRECTORIES+=("$(realpath "$directory")")
done
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -pl getty-benchmarks/bench-harness -am -DskipTests package
HARNESS=getty-benchmarks/bench-harness/target
exec "$JAVA" -cp "$HARNESS/classes:$(cat "$HARNESS/bench-classpath.txt")" \
	io.getty.bench.harness.report.PooledInTurns "${DIRECTORIES[@]}"
