-- replay-fold: projects the stream's entries in (start, end] into a replay space, inside Redis,
-- with THE projection (project.lua): a past moment is the live space's own fold, stopped at
-- that moment, in names of its own. No dedupe, no append, no changes (like rebuild-chunk.lua).
-- (scripts.ts prepends the prelude, common.lua and project.lua.)
--
-- Every key the span writes is listed in the replay space's key list and expires with it (a
-- scratch space is dropped from that list, never found by SCAN), and every record it loads is
-- noted in the touched zset with the arrival ms of the chunk's last entry (a checkpoint carries
-- the records touched lately, replay-keep.lua).
--
-- KEYS[1]  the space's stream
-- ARGV[1]  key base of the replay space
-- ARGV[2]  first id to read (XRANGE syntax: '-' or '(<id>')
-- ARGV[3]  last id to read (XRANGE syntax: '+' or an id; a bare ms means up to that ms)
-- ARGV[4]  how many entries at most
-- ARGV[5]  suffix of the replay space's key list (a set of suffixes after its base)
-- ARGV[6]  suffix of the replay space's touched zset
-- ARGV[7]  TTL in seconds of every key written
--
-- Returns { last id projected (or '' when none), how many entries were read }.
local rows = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[3], 'COUNT', tonumber(ARGV[4]))
if #rows == 0 then return { '', 0 } end
local base = ARGV[1]
local list, touched, ttl = base .. ARGV[5], base .. ARGV[6], tonumber(ARGV[7])
begin_writes()
project_rows(base, rows)
-- Taken before flush_writes, which ends the span.
local written, records = {}, {}
for _, group in ipairs({ W.dirty, W.add, W.incr, W.sadd, W.z }) do
  for key in pairs(group) do written[key] = true end
end
for key in pairs(W.recs) do records[key] = true; written[key] = true end
flush_writes()
local ms = string.match(rows[#rows][1], '^(%d+)')
local names, scored = {}, {}
for key in pairs(written) do
  -- A record only loaded (never changed) may not exist: nothing to expire or list.
  if redis.call('EXPIRE', key, ttl) == 1 then
    local suffix = string.sub(key, #base + 1)
    table.insert(names, suffix)
    if records[key] then table.insert(scored, ms); table.insert(scored, suffix) end
  end
end
for i = 1, #names, 1000 do redis.call('SADD', list, unpack(names, i, math.min(i + 999, #names))) end
for i = 1, #scored, 1000 do redis.call('ZADD', touched, unpack(scored, i, math.min(i + 999, #scored))) end
if #scored > 0 then redis.call('SADD', list, ARGV[6]) end
redis.call('EXPIRE', list, ttl)
redis.call('EXPIRE', touched, ttl)
return { rows[#rows][1], #rows }
