-- project.lua: the projection of one event into a space's derived state. It is not a script
-- on its own: scripts.ts prepends it to apply-event.lua (live ingest) and project-event.lua
-- (rebuild from the stream), so both run exactly the same projection.
--
-- Every merge here is order-independent: earliest time wins for received/answered/abandoned/
-- reported/dispatched/on-scene, latest for ended/closed and agent state changes. KPI buckets
-- hold each call's contribution once: we subtract the call's contribution before the event
-- and add it after, so the sum is the same whatever the arrival order.
--
-- Inputs: base (key prefix of the space, e.g. "pantau:{live}:"), ev (decoded event), x
-- (enrichment computed by the server: atMs, cityDay, minuteMs, hourMs, kecamatan?, kelurahan?,
-- outside?). Returns a list of changes { t, id, h } where h is the entity's hash after the event.

local DAY_MS = 86400000
local SLOT_MS = 900000
local RECORD_TTL = 3456000      -- 40 days: entity records outlive the 30-day KPI window
local MINUTE_TTL = 172800       -- 48 hours
local HOUR_TTL = 7776000        -- 90 days
local COUNTER_TTL = 3456000
-- Alert history: 90 days, as long as an alert record lives (HOUR_TTL) and as the hour buckets.
local ALERT_RETENTION_MS = 7776000000

local function fmt(n) return string.format('%.0f', n) end

local function read_hash(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do t[flat[i]] = flat[i + 1] end
  return t
end

local function hash_flat(key) return redis.call('HGETALL', key) end

-- Sets field to ms when it is absent or later than ms (earliest wins). Returns true if changed.
local function set_min(key, rec, field, ms)
  local cur = tonumber(rec[field])
  if cur == nil or ms < cur then
    redis.call('HSET', key, field, fmt(ms)); rec[field] = fmt(ms); return true
  end
  return false
end

-- Latest wins. Returns true if changed.
local function set_max(key, rec, field, ms)
  local cur = tonumber(rec[field])
  if cur == nil or ms > cur then
    redis.call('HSET', key, field, fmt(ms)); rec[field] = fmt(ms); return true
  end
  return false
end

local function set_if_absent(key, rec, field, value)
  if value ~= nil and value ~= cjson.null and rec[field] == nil then
    redis.call('HSET', key, field, tostring(value)); rec[field] = tostring(value)
  end
end

-- The KPI contribution of one call (TypeScript twin: callContribution in server/domain/call-record.ts).
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
    if w <= 15000 then out.ans15 = 1 end
    if w <= 20000 then out.ans20 = 1 end
    if r.disposition ~= nil then out['d:' .. r.disposition] = 1 end
  elseif abn ~= nil then
    local w = math.max(0, abn - rec)
    out.abandoned = 1
    if w > 15000 then out.abn15 = 1 end
    if w > 20000 then out.abn20 = 1 end
  end
  return out, math.floor(rec / SLOT_MS)
end

local function apply_contribution(base, contrib, slot, line, sign)
  if slot == nil then return end
  local key = base .. 'calls:kpi:' .. fmt(math.floor(slot * SLOT_MS / DAY_MS))
  local prefix = fmt(slot) .. '|' .. line .. '|'
  for metric, v in pairs(contrib) do
    -- Skip zeros: -1 * 0 is -0 in Lua, which Redis refuses as an integer.
    if v ~= 0 then redis.call('HINCRBY', key, prefix .. metric, fmt(sign * v)) end
  end
end

local function call_is_waiting(r)
  return r.receivedAt ~= nil and r.answeredAt == nil and r.abandonedAt == nil
    and r.endedAt == nil and r.expiredAt == nil
end

local function project_call(base, ev, x, changes)
  local id = ev.callId
  local key = base .. 'call:' .. id
  local r = read_hash(key)
  local before, before_slot = call_contribution(r)
  local before_line = r.line
  local at = x.atMs
  local agent_change = nil

  if ev.type == 'call.received' then
    set_min(key, r, 'receivedAt', at)
    set_if_absent(key, r, 'line', ev.line)
    if type(ev.caller) == 'table' then set_if_absent(key, r, 'callerNumber', ev.caller.number) end
    local kec = x.kecamatan
    if kec == nil and type(ev.location) == 'table' then kec = ev.location.kecamatan end
    set_if_absent(key, r, 'kecamatan', kec)
    redis.call('ZADD', base .. 'calls:byReceived', tonumber(r.receivedAt), id)
  elseif ev.type == 'call.answered' then
    if set_min(key, r, 'answeredAt', at) then
      redis.call('HSET', key, 'agentId', ev.agentId); r.agentId = ev.agentId
    end
    -- The agent is on this call unless it already ended (events may arrive in any order).
    if r.endedAt == nil then
      local akey = base .. 'agent:' .. ev.agentId
      local a = read_hash(akey)
      if set_max(akey, a, 'callAt', at) then
        redis.call('HSET', akey, 'callId', id)
      end
      redis.call('SADD', base .. 'agents', ev.agentId)
      redis.call('EXPIRE', akey, RECORD_TTL)
      agent_change = { t = 'agent', id = ev.agentId, h = hash_flat(akey) }
    end
  elseif ev.type == 'call.abandoned' then
    set_min(key, r, 'abandonedAt', at)
  elseif ev.type == 'call.ended' or ev.type == 'call.expired' then
    if ev.type == 'call.expired' then
      set_min(key, r, 'expiredAt', at)
    elseif set_max(key, r, 'endedAt', at) and ev.disposition ~= nil and ev.disposition ~= cjson.null then
      redis.call('HSET', key, 'disposition', ev.disposition); r.disposition = ev.disposition
    end
    -- Either way the agent is no longer on this call.
    if r.agentId ~= nil then
      local akey = base .. 'agent:' .. r.agentId
      if redis.call('HGET', akey, 'callId') == id then
        redis.call('HDEL', akey, 'callId')
        agent_change = { t = 'agent', id = r.agentId, h = hash_flat(akey) }
      end
    end
  end

  local after, after_slot = call_contribution(r)
  apply_contribution(base, before, before_slot, before_line, -1)
  apply_contribution(base, after, after_slot, r.line, 1)

  local waiting = call_is_waiting(r)
  if waiting then
    redis.call('ZADD', base .. 'calls:waiting', tonumber(r.receivedAt), id)
  else
    redis.call('ZREM', base .. 'calls:waiting', id)
  end
  redis.call('EXPIRE', key, RECORD_TTL)
  -- m: whether the call is in the waiting set after this event (the one membership decision).
  table.insert(changes, { t = 'call', id = id, h = hash_flat(key), m = waiting and 1 or 0 })
  if agent_change ~= nil then table.insert(changes, agent_change) end
end

local function project_agent(base, ev, x, changes)
  local key = base .. 'agent:' .. ev.agentId
  local a = read_hash(key)
  local field = ({ ['agent.login'] = 'loginAt', ['agent.logout'] = 'logoutAt',
    ['agent.paused'] = 'pausedAt', ['agent.unpaused'] = 'unpausedAt' })[ev.type]
  set_max(key, a, field, x.atMs)
  if ev.line ~= nil and ev.line ~= cjson.null then redis.call('HSET', key, 'line', ev.line) end
  redis.call('SADD', base .. 'agents', ev.agentId)
  redis.call('EXPIRE', key, RECORD_TTL)
  table.insert(changes, { t = 'agent', id = ev.agentId, h = hash_flat(key) })
end

local function project_incident(base, ev, x, changes)
  local id = ev.incidentId
  local key = base .. 'incident:' .. id
  local r = read_hash(key)
  local at = x.atMs
  if ev.type == 'incident.reported' then
    set_min(key, r, 'reportedAt', at)
    local loc = ev.location
    local fields = { 'line', ev.line, 'category', ev.category, 'priority', tostring(ev.priority) }
    if type(loc) == 'table' then
      if loc.lat ~= nil and loc.lat ~= cjson.null then
        table.insert(fields, 'lat'); table.insert(fields, tostring(loc.lat))
        table.insert(fields, 'lon'); table.insert(fields, tostring(loc.lon))
      end
      if loc.kecamatan ~= nil and loc.kecamatan ~= cjson.null then
        table.insert(fields, 'locKecamatan'); table.insert(fields, loc.kecamatan)
      end
    end
    local kec = x.kecamatan
    if kec == nil and type(loc) == 'table' and loc.kecamatan ~= cjson.null then kec = loc.kecamatan end
    if kec ~= nil then table.insert(fields, 'kecamatan'); table.insert(fields, kec) end
    if x.kelurahan ~= nil then table.insert(fields, 'kelurahan'); table.insert(fields, x.kelurahan) end
    if x.outside then table.insert(fields, 'outside'); table.insert(fields, '1') end
    if ev.callId ~= nil and ev.callId ~= cjson.null then table.insert(fields, 'callId'); table.insert(fields, ev.callId) end
    if ev.summary ~= nil and ev.summary ~= cjson.null then table.insert(fields, 'summary'); table.insert(fields, ev.summary) end
    redis.call('HSET', key, unpack(fields))
    redis.call('ZADD', base .. 'incidents:byReported', tonumber(r.reportedAt), id)
  elseif ev.type == 'incident.dispatched' then
    set_min(key, r, 'dispatchedAt', at)
    local set, list = {}, {}
    for a in string.gmatch(r.agencies or '', '[^,]+') do set[a] = true end
    set[ev.agency] = true
    for a in pairs(set) do table.insert(list, a) end
    table.sort(list)
    redis.call('HSET', key, 'agencies', table.concat(list, ','))
  elseif ev.type == 'incident.on_scene' then
    set_min(key, r, 'onSceneAt', at)
  elseif ev.type == 'incident.closed' then
    if set_max(key, r, 'closedAt', at) then
      redis.call('HSET', key, 'outcome', ev.outcome); r.outcome = ev.outcome
    end
  end
  local open = r.reportedAt ~= nil and r.closedAt == nil
  if open then
    redis.call('ZADD', base .. 'incidents:open', tonumber(r.reportedAt), id)
  else
    redis.call('ZREM', base .. 'incidents:open', id)
  end
  redis.call('EXPIRE', key, RECORD_TTL)
  -- m: whether the incident is in the open set after this event.
  table.insert(changes, { t = 'incident', id = id, h = hash_flat(key), m = open and 1 or 0 })
end

local function project_app(base, ev, x)
  local count = tonumber(ev.count) or 1
  local field = ev.appId .. '|' .. ev.kind
  local mkey = base .. 'apps:m:' .. fmt(x.minuteMs)
  local hkey = base .. 'apps:h:' .. fmt(x.hourMs)
  local dkey = base .. 'apps:d:' .. x.cityDay
  redis.call('HINCRBY', mkey, field, count)
  redis.call('EXPIRE', mkey, MINUTE_TTL, 'NX')
  redis.call('HINCRBY', hkey, field, count)
  redis.call('EXPIRE', hkey, HOUR_TTL, 'NX')
  redis.call('HINCRBY', dkey, field, count)
  redis.call('SADD', base .. 'apps:seen', ev.appId)
  if ev.kind == 'complaint' then
    local kec = ev.kecamatan
    if kec == nil or kec == cjson.null then kec = 'unknown' end
    local ckey = base .. 'complaints:' .. fmt(x.hourMs)
    redis.call('HINCRBY', ckey, kec, count)
    redis.call('EXPIRE', ckey, HOUR_TTL, 'NX')
  end
end

-- Trims alert history (alerts:byRaised and the records) to ALERT_RETENTION_MS before the newest
-- raise. Counted from the newest raise, not from the clock, so the projection stays a function
-- of the events alone: a rebuild of the same stream trims exactly the same alerts, and so does
-- any arrival order. Open alerts stay whatever their age: they are still news on the wall, and
-- the detectors clear them by id. Runs on raises only, as only raises make the history grow.
-- Returns whether `current` (the alert being projected) was trimmed.
local function trim_alert_history(base, current)
  local newest = redis.call('ZRANGE', base .. 'alerts:byRaised', -1, -1, 'WITHSCORES')
  if #newest < 2 then return false end
  local cutoff = tonumber(newest[2]) - ALERT_RETENTION_MS
  local trimmed_self = false
  for _, old in ipairs(redis.call('ZRANGEBYSCORE', base .. 'alerts:byRaised', '-inf', '(' .. fmt(cutoff))) do
    if not redis.call('ZSCORE', base .. 'alerts:active', old) then
      redis.call('ZREM', base .. 'alerts:byRaised', old)
      redis.call('DEL', base .. 'alert:' .. old)
      if old == current then trimmed_self = true end
    end
  end
  return trimmed_self
end

local function project_alert(base, ev, x, changes)
  local id = ev.alertId
  local key = base .. 'alert:' .. id
  local r = read_hash(key)
  local at = x.atMs
  if ev.type == 'alert.raised' then
    set_min(key, r, 'raisedAt', at)
    set_if_absent(key, r, 'kind', ev.kind)
    set_if_absent(key, r, 'subject', ev.subject)
    -- Severity only escalates: a later "warning" does not calm a "critical".
    if r.severity ~= 'critical' then redis.call('HSET', key, 'severity', ev.severity); r.severity = ev.severity end
    if type(ev.detail) == 'table' then redis.call('HSET', key, 'detail', cjson.encode(ev.detail)) end
    redis.call('ZADD', base .. 'alerts:byRaised', tonumber(r.raisedAt), id)
  elseif ev.type == 'alert.cleared' then
    set_max(key, r, 'clearedAt', at)
  elseif ev.type == 'alert.acked' then
    if set_min(key, r, 'ackedAt', at) then redis.call('HSET', key, 'ackedBy', ev.by) end
  end
  local active = r.raisedAt ~= nil and r.clearedAt == nil
  if active then
    redis.call('ZADD', base .. 'alerts:active', tonumber(r.raisedAt), id)
  else
    redis.call('ZREM', base .. 'alerts:active', id)
  end
  -- A raise arriving after its own clear, older than the retention: it is history already gone.
  if ev.type == 'alert.raised' and trim_alert_history(base, id) then return end
  redis.call('EXPIRE', key, HOUR_TTL)
  table.insert(changes, { t = 'alert', id = id, h = hash_flat(key), m = active and 1 or 0 })
end

local function project(base, ev, x)
  local changes = {}
  local family = string.match(ev.type, '^[^.]+')
  if family == 'call' then project_call(base, ev, x, changes)
  elseif family == 'agent' then project_agent(base, ev, x, changes)
  elseif family == 'incident' then project_incident(base, ev, x, changes)
  elseif family == 'app' then project_app(base, ev, x)
  elseif family == 'alert' then project_alert(base, ev, x, changes)
  end
  local ckey = base .. 'events:' .. x.cityDay
  local n = redis.call('INCR', ckey)
  redis.call('EXPIRE', ckey, COUNTER_TTL, 'NX')
  table.insert(changes, { t = 'counter', id = x.cityDay, n = n })
  return changes
end
