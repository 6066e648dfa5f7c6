-- common.lua: helpers every Pantau script shares, and the one rule of a call's KPI contribution.
-- Not a script on its own: scripts.ts prepends the prelude (K: key suffixes from keys.ts, C:
-- constants from server/domain/projection-constants.ts) and this file to the scripts that need it.

local function fmt(n) return string.format('%.0f', n) end

local function read_hash(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

-- Whether a caller number can be called back (and grouped by): it holds a digit at all.
local function has_number(n) return n ~= nil and string.find(n, '%d') ~= nil end

-- What one call adds to the KPI figures of the 15-minute slot of its receivedAt (design.md "KPI
-- definitions"): answers within the threshold count (<=), abandons after it count against (>),
-- so a caller who gave up after 5 s was not failed by the centre. Returns the metrics and the
-- slot, or an empty table and nil for a call not received (or without a line) yet.
local function call_contribution(r)
  local out = {}
  local rec = tonumber(r.receivedAt)
  if rec == nil or r.line == nil then return out, nil end
  out.offered = 1
  local ans = tonumber(r.answeredAt)
  local abn = tonumber(r.abandonedAt)
  if ans ~= nil then
    local w = math.max(0, ans - rec)
    out.answered = 1
    out.waitMs = w
    if w <= C.SL15_MS then out.ans15 = 1 end
    if w <= C.SL20_MS then out.ans20 = 1 end
    if r.disposition ~= nil then out['d:' .. r.disposition] = 1 end
  elseif abn ~= nil then
    local w = math.max(0, abn - rec)
    out.abandoned = 1
    if w > C.SL15_MS then out.abn15 = 1 end
    if w > C.SL20_MS then out.abn20 = 1 end
    -- Callbacks (issue 16): an abandoned call with a number is due one; callbackAt is its first
    -- counting callback (callback.lua), before the abandonment too (a clock ahead is not late).
    if has_number(r.callerNumber) then
      out.cbDue = 1
      local cb = tonumber(r.callbackAt)
      if cb ~= nil then
        out.cbDone = 1
        if math.max(0, cb - abn) <= C.CALLBACK_MS then out.cb2m = 1 end
      end
    end
  end
  return out, math.floor(rec / C.SLOT_MS)
end
