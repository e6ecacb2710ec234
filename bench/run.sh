#!/usr/bin/env bash
# Runs one benchmark harness from src/test/java/dev/arbiter/bench against a fresh PostgreSQL
# database and a server started from target/arbiter.jar. Usage:
#   bench/run.sh IngestBenchmark [events] [clients]
#   bench/run.sh AnalyticsBenchmark [events]
# Figures are printed; record them in BENCHMARKS.md with the date and this command.
set -euo pipefail
cd "$(dirname "$0")/.."
name="$1"; shift
mvn -q -DskipTests package test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "dev.arbiter.bench.$name" "$@"
