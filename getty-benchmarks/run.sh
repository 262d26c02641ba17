#!/usr/bin/env bash
# Runs the standard benchmark matrix (about 100 minutes on a 2-core machine) and writes
# docs/benchmarks.md. Extra arguments go to the runner, for example:
#   getty-benchmarks/run.sh --plan=quick
#   getty-benchmarks/run.sh --servers=netty-nio,getty-nio --scenarios=throughput
# Set JAVA_HOME to choose the JDK (servers and load generator always share it).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The same flags as every server JVM (ServerLauncher.JVM_FLAGS).
JVM_FLAGS=(-XX:ActiveProcessorCount=1 -XX:+UseG1GC -Xms1g -Xmx1g -XX:+AlwaysPreTouch
	-XX:MaxDirectMemorySize=256m -Dio.netty.leakDetection.level=disabled)

echo "Building the benchmark modules (tests skipped; the smoke test runs in ./mvnw verify)..."
./mvnw -B -q -pl getty-benchmarks/bench-harness -am -DskipTests package

# 10,000 idle sessions need as many descriptors on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# Servers on CPU 0, the load generator on CPU 1, where the machine has two and taskset.
LOADGEN_PIN=()
SERVER_PIN=none
if command -v taskset >/dev/null && [ "$(nproc --all)" -ge 2 ]; then
	LOADGEN_PIN=(taskset -c 1)
	SERVER_PIN=0
fi

if [ -z "${BENCH_GIT_SHA:-}" ] && git rev-parse --short HEAD >/dev/null 2>&1; then
	BENCH_GIT_SHA="$(git rev-parse --short HEAD)"
	# (An `if`, not `[ ... ] && echo`: under `set -e` a clean tree would end the script.)
	if [ -n "$(git status --porcelain)" ]; then
		BENCH_GIT_SHA="$BENCH_GIT_SHA with uncommitted changes"
	fi
	export BENCH_GIT_SHA
fi

HARNESS=getty-benchmarks/bench-harness/target
exec "${LOADGEN_PIN[@]}" "$JAVA" "${JVM_FLAGS[@]}" \
	-cp "$HARNESS/classes:$(cat "$HARNESS/bench-classpath.txt")" \
	io.getty.bench.harness.BenchmarkRunner --root=getty-benchmarks --pin="$SERVER_PIN" \
	--command="getty-benchmarks/run.sh${*:+ $*}" "$@"
