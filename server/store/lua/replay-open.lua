-- replay-open: copies a checkpoint into a fresh scratch space, where a moment after it is folded.
-- Every key of the checkpoint is in its key list (replay-keep.lua), so no SCAN.
-- (scripts.ts prepends the prelude.)
--
-- KEYS[1]  the checkpoint's key list
-- ARGV[1]  key base of the checkpoint
-- ARGV[2]  key base of the scratch space
-- ARGV[3]  suffix of a replay space's key list
-- ARGV[4]  TTL in seconds of every key of the scratch space
--
-- Returns how many keys were copied.
local from, to, ttl = ARGV[1], ARGV[2], tonumber(ARGV[4])
local names = redis.call('SMEMBERS', KEYS[1])
local copied = {}
for _, suffix in ipairs(names) do
  if redis.call('COPY', from .. suffix, to .. suffix, 'REPLACE') == 1 then
    redis.call('EXPIRE', to .. suffix, ttl)
    table.insert(copied, suffix)
  end
end
local list = to .. ARGV[3]
for i = 1, #copied, 1000 do redis.call('SADD', list, unpack(copied, i, math.min(i + 999, #copied))) end
redis.call('EXPIRE', list, ttl)
return #copied
