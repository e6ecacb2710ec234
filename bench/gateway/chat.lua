-- wrk script: POST a small chat completion with a fixed domain (no classification)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Arbiter-Domain"] = "math"
local stream = os.getenv("STREAM") == "1"
if stream then wrk.headers["Accept"] = "text/event-stream" end
if os.getenv("KEY") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY") end
wrk.body = '{"model":"static-model","messages":[{"role":"user","content":"What is 17 times 23?"}],"temperature":0'
  .. (stream and ',"stream":true,"stream_options":{"include_usage":true}' or '') .. '}'
