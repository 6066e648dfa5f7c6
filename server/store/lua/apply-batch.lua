-- apply-batch: a batch of events, atomically: dedupe, THE projection, stream append.
-- (scripts.ts prepends the prelude, common.lua and project.lua.)
--
-- KEYS[1]  the space's stream
-- ARGV[1]  key base of the space (every other key is derived from it, same hash slot)
-- ARGV[2]  the principal (ingest key name) that sent the batch
-- ARGV[3]  stream retention: minimum id to keep (MINID trim, approximate), or '' for none
-- ARGV[4], ARGV[5], ...  per event: the validated event (JSON), then its enrichment (JSON:
--          { atMs, cityDay, minuteMs, hourMs, kecamatan?, kelurahan?, outside? })
--
-- Returns, per event in order, the stream id of its new entry, or 0 for a duplicate.
--
-- One call per batch rather than one per event: the projection's records stay in the span's
-- cache from one event to the next and every write is made once, at the end (flush_writes),
-- as a rebuild does per chunk. Reads and logic come first, writes last: a script error in the
-- logic (there should be none for validated input) leaves Redis as it was, since Redis does
-- not roll back a script's earlier writes.
--
-- Dedupe is by ARRIVAL, whatever the event's `at`: one hash per arrival period (Redis's own
-- clock, so every process agrees), field "<source>\0<id>"; an id is looked up in the current
-- and the previous period, so it is known for at least one period (8 days) after it arrived.
local base, principal, min_id = ARGV[1], ARGV[2], ARGV[3]
local now = redis.call('TIME')
local period = math.floor((tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)) / C.DEDUPE_PERIOD_MS)
local cur = base .. K.dedupe .. fmt(period)
local prev = base .. K.dedupe .. fmt(period - 1)
local prev_exists = redis.call('EXISTS', prev) == 1

local function known(field)
  return redis.call('HEXISTS', cur, field) == 1 or (prev_exists and redis.call('HEXISTS', prev, field) == 1)
end

local out, fresh, seen = {}, {}, {}
begin_writes()
for i = 4, #ARGV, 2 do
  local ev = cjson.decode(ARGV[i])
  local field = ev.source .. '\0' .. ev.id
  out[#out + 1] = 0
  if not seen[field] and not known(field) then
    seen[field] = true
    local changes = project(base, ev, cjson.decode(ARGV[i + 1]), true)
    fresh[#fresh + 1] = { #out, field, ARGV[i], ARGV[i + 1], cjson.encode(changes) }
  end
end

if #fresh > 0 then
  local fields = {}
  for _, f in ipairs(fresh) do fields[#fields + 1] = f[2]; fields[#fields + 1] = '1' end
  redis.call('HSET', cur, unpack(fields))
  redis.call('EXPIRE', cur, C.DEDUPE_TTL, 'NX')
  for _, f in ipairs(fresh) do
    out[f[1]] = redis.call('XADD', KEYS[1], '*', 'e', f[3], 'x', f[4], 'k', principal, 'c', f[5])
  end
  if min_id ~= '' then redis.call('XTRIM', KEYS[1], 'MINID', '~', min_id) end
end
flush_writes()
return out
