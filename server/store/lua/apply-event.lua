-- apply-event: one accepted event, atomically: dedupe, projection, stream append.
-- (scripts.ts prepends the prelude, common.lua and project.lua.)
--
-- KEYS[1]  the space's stream
-- KEYS[2]  the dedupe hash of the event's UTC day
-- ARGV[1]  key prefix of the space (every other key is derived from it, same hash slot)
-- ARGV[2]  the validated event, JSON
-- ARGV[3]  enrichment, JSON: { atMs, cityDay, minuteMs, hourMs, kecamatan?, kelurahan?, outside? }
-- ARGV[4]  the principal (ingest key name) that sent it
-- ARGV[5]  dedupe field: "<source>\0<id>"
-- ARGV[6]  dedupe retention in seconds (the hash's TTL is raised to at least this)
-- ARGV[7]  stream retention: minimum id to keep (MINID trim, approximate), or "" for none
--
-- Returns the stream id of the new entry, or 0 when the event is a duplicate.
-- The dedupe check comes first so that a retried request changes nothing at all.
if redis.call('HSETNX', KEYS[2], ARGV[5], '1') == 0 then
  return 0
end
if redis.call('TTL', KEYS[2]) < tonumber(ARGV[6]) then
  redis.call('EXPIRE', KEYS[2], ARGV[6])
end
local ev = cjson.decode(ARGV[2])
local x = cjson.decode(ARGV[3])
local changes = project(ARGV[1], ev, x, true)
local args = { KEYS[1] }
if ARGV[7] ~= '' then
  table.insert(args, 'MINID'); table.insert(args, '~'); table.insert(args, ARGV[7])
end
table.insert(args, '*')
for _, v in ipairs({ 'e', ARGV[2], 'x', ARGV[3], 'k', ARGV[4], 'c', cjson.encode(changes) }) do
  table.insert(args, v)
end
return redis.call('XADD', unpack(args))
