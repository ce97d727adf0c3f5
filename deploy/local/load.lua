-- The question mix of ./myriad load: wrk sends these in turn, over and over, to the orchestrator.
-- Every question names seed concepts, so each should come back answered; anything else is counted.
local questions = {
  "What is a lightbulb and what does it do?",
  "What is a refrigerator?",
  "What does a kettle do?",
  "How is a lamp related to electricity?",
  "What is the difference between a hammer and a screwdriver?",
  "What is a bicycle used for?",
  "Tell me about the moon",
  "What does a toaster do?",
}

local bodies = {}
for i, question in ipairs(questions) do
  bodies[i] = '{"text":"' .. question .. '","format":"text"}'
end

-- ./myriad load signs a token for each of its users ("load-1" .. "load-64") and hands them over, comma-separated, in
-- MYRIAD_TOKENS: the questions take the users in turn, so that each stays far under the services' per-user rate limit
-- (docs/security.md, Limits) and the run measures the fleet, not the limiter. MYRIAD_TOKEN alone (one user) still
-- works, for a run kept under that user's limit.
local tokens = {}
for token in string.gmatch(os.getenv("MYRIAD_TOKENS") or os.getenv("MYRIAD_TOKEN") or "", "[^,]+") do
  table.insert(tokens, token)
end
if #tokens == 0 then
  io.stderr:write("load.lua: MYRIAD_TOKENS is not set; run it through ./myriad load\n")
  os.exit(1)
end
local headers = {}
for i, token in ipairs(tokens) do
  headers[i] = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  next_question = id % #bodies
  next_user = (id * 7) % #headers  -- the threads start at different users
  failed = 0   -- not 200
  partial = 0  -- 200, but an agent's part is missing
end

function request()
  next_question = next_question % #bodies + 1
  next_user = next_user % #headers + 1
  return wrk.format("POST", "/api/v1/queries", headers[next_user], bodies[next_question])
end

function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
  elseif not body:find('"status":"answered"', 1, true) then
    partial = partial + 1
  end
end

function done(summary, latency, requests)
  local failed_total, partial_total = 0, 0
  for _, thread in ipairs(threads) do
    failed_total = failed_total + thread:get("failed")
    partial_total = partial_total + thread:get("partial")
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local function ms(p) return latency:percentile(p) / 1000 end
  io.write(string.format("myriad-load queries: %d in %.1f s: %.1f queries/s\n", summary.requests, seconds,
    summary.requests / seconds))
  io.write(string.format("myriad-load latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    ms(50), ms(95), ms(99), latency.max / 1000))
  io.write(string.format("myriad-load errors: %d (not 200: %d; socket: connect %d, read %d, write %d, timeout %d)\n",
    failed_total + socket_errors, failed_total, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("myriad-load partial answers: %d\n", partial_total))
end
