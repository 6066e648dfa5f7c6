-- read-call-totals: the KPI contributions of the calls received in [from, to), summed with the
-- projection's own call_contribution (common.lua), so the rule exists once. Used for the parts
-- of a window the 15-minute buckets cannot answer (its edges) and for kecamatan filters.
-- (scripts.ts prepends the prelude and common.lua.) Read-only.
--
-- KEYS[1]  calls:byReceived of the space
-- ARGV[1]  key base of the space
-- ARGV[2]  from, epoch ms (inclusive)
-- ARGV[3]  to, epoch ms (exclusive)
-- ARGV[4]  a kecamatan code to keep only its calls, or '' for all
--
-- Returns a flat list { '<line>|<metric>', sum, ... } (metrics as in the KPI buckets).
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], '(' .. ARGV[3])
local kec = ARGV[4]
local sums, order = {}, {}
for _, id in ipairs(ids) do
  local r = read_hash(ARGV[1] .. K.call .. id)
  if kec == '' or r.kecamatan == kec then
    local contrib, slot = call_contribution(r)
    if slot ~= nil then
      for metric, v in pairs(contrib) do
        local f = r.line .. '|' .. metric
        if sums[f] == nil then sums[f] = 0; table.insert(order, f) end
        sums[f] = sums[f] + v
      end
    end
  end
end
local out = {}
for _, f in ipairs(order) do
  table.insert(out, f); table.insert(out, fmt(sums[f]))
end
return out
