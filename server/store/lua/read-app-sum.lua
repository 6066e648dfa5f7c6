-- read-app-sum: the sum of app activity buckets (minute, hour and day hashes of one space),
-- added up inside Redis so a month-long window sends one hash back instead of a hundred.
-- Read-only; the keys share the space's hash tag, so they sit in one cluster slot.
--
-- KEYS     the bucket hashes (field "<appId>|<kind>" → count); missing ones count as empty
-- ARGV[1]  how many of KEYS (the first ones) are added; the rest are subtracted (an hour
--          minus the minutes of it outside the window)
-- Returns a flat list { field1, sum1, field2, sum2, ... } in order of first appearance.
local plus = tonumber(ARGV[1]) or #KEYS
local sums = {}
local order = {}
for k, key in ipairs(KEYS) do
  local sign = 1
  if k > plus then sign = -1 end
  local flat = redis.call('HGETALL', key)
  for i = 1, #flat, 2 do
    local f = flat[i]
    local n = (tonumber(flat[i + 1]) or 0) * sign
    local prev = sums[f]
    if prev == nil then
      order[#order + 1] = f
      sums[f] = n
    else
      sums[f] = prev + n
    end
  end
end
local out = {}
for _, f in ipairs(order) do
  if sums[f] ~= 0 then
    out[#out + 1] = f
    out[#out + 1] = string.format('%.0f', sums[f])
  end
end
return out
