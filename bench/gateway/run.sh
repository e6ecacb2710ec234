#!/usr/bin/env bash
# Gateway overhead on this machine: wrk against (1) a static nginx "model", (2) nginx as a plain
# reverse proxy to it, (3) Arbiter's /v1/chat/completions routing to it, at 32 and 128
# connections, plain and streamed. Prints requests/s and latency percentiles from wrk, and
# Arbiter's CPU time per request (and PostgreSQL's, when it is the database). Needs wrk and nginx
# (Debian packages). Usage:
#   bench/gateway/run.sh [seconds-per-run] [h2|postgres]
# WARMUP (seconds, default 180, half plain and half streamed) is how long Arbiter is loaded before
# measuring: under full load on 2 cores the JIT needs 2–3 minutes to settle (after 60 s it still
# takes a fifth of the CPU). postgres uses a fresh database gwbench on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
db="${2:-h2}"
warmup="${WARMUP:-180}"
run=$(mktemp -d)
upstream=18991; proxy=18992; port=18993
sed -e "s#RUN_DIR#$run#g" -e "s#UPSTREAM_PORT#$upstream#g" -e "s#PROXY_PORT#$proxy#g" bench/gateway/nginx.conf.template > "$run/nginx.conf"
nginx -c "$run/nginx.conf"
[ -f target/arbiter.jar ] || mvn -q -DskipTests package
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists gwbench" -c "create database gwbench" test 2>/dev/null
  export ARBITER_DB_URL=jdbc:postgresql://127.0.0.1:5432/gwbench ARBITER_DB_USER=postgres
fi
java ${ARBITER_JAVA_OPTS:--Xmx1g} -jar target/arbiter.jar serve --port $port --data-dir "$run/data" > "$run/arbiter.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; nginx -c "$run/nginx.conf" -s stop 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do [ -f "$run/data/admin.key" ] && curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done
key=$(cat "$run/data/admin.key"); api="http://127.0.0.1:$port/api/v1"; h="Authorization: Bearer $key"; j="Content-Type: application/json"
agent=$(curl -sf -H "$h" -H "$j" -d "{\"name\":\"static\",\"baseUrl\":\"http://127.0.0.1:$upstream/v1\",\"apiType\":\"openai\",\"maxConcurrency\":512}" $api/agents | sed 's/.*"id":"\([^"]*\)".*/\1/;q')
model=$(curl -sf -H "$h" -H "$j" -d '{"name":"static-model","price":{"inputPerMillion":1,"outputPerMillion":2}}' $api/models | sed 's/^{"id":"\([^"]*\)".*/\1/')
curl -sf -H "$h" -H "$j" -d "{\"agentId\":\"$agent\",\"modelId\":\"$model\"}" $api/assignments >/dev/null
cpu() { awk '{print $14 + $15}' /proc/$pid/stat; }
# all PostgreSQL processes (its backends do the decision and event writes)
pgcpu() { local t=0; for p in $(pgrep -x postgres || true); do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0))); done; echo $t; }
ticks=$(getconf CLK_TCK)
# warm-up
KEY=$key wrk -t2 -c32 -d$((warmup / 2))s -s bench/gateway/chat.lua "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
KEY=$key STREAM=1 wrk -t2 -c32 -d$((warmup / 2))s -s bench/gateway/chat.lua "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
echo "database=$db java=$(java -version 2>&1 | head -1) warm-up=${warmup}s run=${seconds}s"
for stream in 0 1; do
  for conns in 32 128; do
    for target in upstream proxy arbiter; do
      case $target in
        upstream) url="http://127.0.0.1:$upstream/v1/chat/completions" ;;
        proxy) url="http://127.0.0.1:$proxy/v1/chat/completions" ;;
        arbiter) url="http://127.0.0.1:$port/v1/chat/completions" ;;
      esac
      before=$(cpu); pgbefore=$(pgcpu)
      out=$(KEY=$key STREAM=$stream wrk -t2 -c$conns -d${seconds}s --latency -s bench/gateway/chat.lua "$url")
      after=$(cpu); pgafter=$(pgcpu)
      rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
      total=$(echo "$out" | awk '/requests in/{print $1}')
      p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
      errors=$(echo "$out" | awk '/Non-2xx|Socket errors/{print}' | tr '\n' ' ')
      extra=""
      if [ "$target" = arbiter ]; then
        extra=$(awk -v c=$((after - before)) -v t="$total" -v hz="$ticks" 'BEGIN{printf " cpu/request=%.3f ms", c / hz * 1000 / t}')
        if [ "$db" = postgres ]; then
          extra="$extra$(awk -v c=$((pgafter - pgbefore)) -v t="$total" -v hz="$ticks" 'BEGIN{printf " postgres-cpu/request=%.3f ms", c / hz * 1000 / t}')"
        fi
      fi
      echo "stream=$stream connections=$conns target=$target requests/s=$rps p50=$p50 p99=$p99$extra $errors"
    done
  done
done
# Latency at a fixed rate (RATE requests/s in all over 32 connections, default 2000): each
# connection pauses an exponentially distributed time between requests (paced.lua), so arrivals
# are close to Poisson and wrk's latency is response time, not queueing behind a saturated server.
rate="${RATE:-2000}"
for stream in 0 1; do
  for target in upstream proxy arbiter; do
    case $target in
      upstream) url="http://127.0.0.1:$upstream/v1/chat/completions" ;;
      proxy) url="http://127.0.0.1:$proxy/v1/chat/completions" ;;
      arbiter) url="http://127.0.0.1:$port/v1/chat/completions" ;;
    esac
    out=$(KEY=$key STREAM=$stream RATE=$rate CONNECTIONS=32 wrk -t2 -c32 -d${seconds}s --latency -s bench/gateway/paced.lua "$url")
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
    p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/{print}' | tr '\n' ' ')
    echo "fixed-rate stream=$stream connections=32 target=$target requests/s=$rps p50=$p50 p99=$p99 $errors"
  done
done
echo "arbiter heap: $(curl -s -H "$h" "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" | sed 's/.*"value":\([0-9.E]*\).*/\1/') bytes"
