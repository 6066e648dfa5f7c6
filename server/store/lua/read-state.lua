-- read-state: everything a view needs to draw now, read atomically with the stream position
-- it is consistent with. (scripts.ts prepends the prelude.)
--
-- KEYS[1]  the space's stream
-- ARGV[1]  key prefix of the space
-- ARGV[2]  the city day (YYYY-MM-DD) whose event counter to read
-- ARGV[3]  epoch ms: alerts raised since then are returned even when cleared
--
-- Returns { position, waiting, incidents, agents, eventsToday, alerts, callbacks } where the lists are flat lists { id1, hash1, id2, hash2, ... } with each hash as HGETALL returns it.
local base = ARGV[1]
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local position = '0-0'
if #last > 0 then position = last[1][1] end
local function collect(ids, prefix)
  local out = {}
  for _, id in ipairs(ids) do
    table.insert(out, id)
    table.insert(out, redis.call('HGETALL', base .. prefix .. id))
  end
  return out
end
local waiting = collect(redis.call('ZRANGE', base .. K.callsWaiting, 0, -1), K.call)
local incidents = collect(redis.call('ZRANGE', base .. K.incidentsOpen, 0, -1), K.incident)
local agents = collect(redis.call('SMEMBERS', base .. K.agents), K.agent)
local n = tonumber(redis.call('GET', base .. K.eventsPerDay .. ARGV[2]) or '0')
-- Active alerts plus those raised in the last 24 h (cleared ones stay visible as history).
local recent = redis.call('ZRANGEBYSCORE', base .. K.alertsByRaised, tonumber(ARGV[3]), '+inf')
local seen, ids = {}, {}
for _, id in ipairs(redis.call('ZRANGE', base .. K.alertsActive, 0, -1)) do seen[id] = true; table.insert(ids, id) end
for _, id in ipairs(recent) do if not seen[id] then table.insert(ids, id) end end
local alerts = collect(ids, K.alert)
local callbacks = collect(redis.call('ZRANGE', base .. K.callbacks, 0, -1), K.callback)
return { position, waiting, incidents, agents, n, alerts, callbacks }
