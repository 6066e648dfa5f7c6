-- replay-keep: copies the part of a space's derived state that later moments need into a
-- checkpoint (store/replay-store.ts says what, from keys.ts's names; domain/replay-window.ts
-- says why): the keys named (live sets, buckets, counters), the records of every member of the
-- sets named, the time indexes from the horizon on with their records, and the records touched
-- since the horizon. The source is a scratch space folded to the boundary, or (the first
-- checkpoint of a stream that was already trimmed) the live space itself: one script, so the
-- copy and the stream position it is at are one atomic read.
-- (scripts.ts prepends the prelude.)
--
-- KEYS[1]  the space's stream
-- ARGV[1]  key base of the source
-- ARGV[2]  key base of the checkpoint (emptied first: its old key list is dropped)
-- ARGV[3]  the horizon, epoch ms
-- ARGV[4]  suffix of a replay space's key list
-- ARGV[5]  suffix of a replay space's touched zset
-- ARGV[6]  JSON { copy = [suffix], members = [[set suffix, record prefix]], indexes = [[zset suffix, record prefix]] }
--
-- Returns { the stream's last id ('0-0' when empty), how many keys the checkpoint holds }.
local src, dst, horizon = ARGV[1], ARGV[2], tonumber(ARGV[3])
local list = dst .. ARGV[4]
local plan = cjson.decode(ARGV[6])
local old = redis.call('SMEMBERS', list)
for i = 1, #old, 1000 do
  local doomed = {}
  for j = i, math.min(i + 999, #old) do table.insert(doomed, dst .. old[j]) end
  redis.call('UNLINK', unpack(doomed))
end
redis.call('DEL', list)

local done, names = {}, {}
local function copy(suffix)
  if done[suffix] then return end
  done[suffix] = true
  if redis.call('COPY', src .. suffix, dst .. suffix, 'REPLACE') == 1 then
    -- A checkpoint lasts as long as the stream it stands for, not as long as a record's TTL.
    redis.call('PERSIST', dst .. suffix)
    table.insert(names, suffix)
  end
end
local function members(key)
  local t = redis.call('TYPE', key)['ok']
  if t == 'zset' then return redis.call('ZRANGE', key, 0, -1) end
  if t == 'set' then return redis.call('SMEMBERS', key) end
  return {}
end
-- A zset cut to the horizon, and each member's record.
local function cut(suffix, prefix, carry)
  local from = redis.call('ZRANGEBYSCORE', src .. suffix, horizon, '+inf', 'WITHSCORES')
  if #from == 0 then return end
  local args = {}
  for i = 1, #from, 2 do
    table.insert(args, from[i + 1]); table.insert(args, from[i])
    if carry then carry(from[i]) end
  end
  for i = 1, #args, 1000 do redis.call('ZADD', dst .. suffix, unpack(args, i, math.min(i + 999, #args))) end
  table.insert(names, suffix)
  done[suffix] = true
  if prefix then for i = 1, #from, 2 do copy(prefix .. from[i]) end end
end

for _, suffix in ipairs(plan.copy) do copy(suffix) end
for _, m in ipairs(plan.members) do
  for _, id in ipairs(members(src .. m[1])) do copy(m[2] .. id) end
end
for _, ix in ipairs(plan.indexes) do cut(ix[1], ix[2], nil) end
-- Touched records are listed by suffix already (replay-fold.lua).
cut(ARGV[5], nil, copy)

for i = 1, #names, 1000 do redis.call('SADD', list, unpack(names, i, math.min(i + 999, #names))) end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local position = '0-0'
if #last > 0 then position = last[1][1] end
return { position, #names }
