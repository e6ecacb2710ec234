-- wrk script: the chat completion of chat.lua at a fixed average rate. Each connection waits an
-- exponentially distributed pause between its requests (mean CONNECTIONS / RATE seconds), so
-- arrivals are close to a Poisson stream of RATE requests/s instead of bursts; wrk's latency
-- then is the response time without load-generator queueing.
local base = dofile((os.getenv("BENCH_DIR") or "bench/gateway") .. "/chat.lua")
local mean_ms = 1000 * tonumber(os.getenv("CONNECTIONS") or "32") / tonumber(os.getenv("RATE") or "2000")
function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end
function delay()
  return math.floor(-math.log(1 - math.random()) * mean_ms)
end
