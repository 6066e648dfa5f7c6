-- project.lua: THE projection of one event into a space's derived state (there is no other).
-- Not a script on its own: scripts.ts prepends the prelude and common.lua, and appends it to
-- apply-batch.lua (live ingest) and rebuild-chunk.lua (rebuild from the stream).
--
-- The state is a function of the SET of events, never of their arrival order. A field that
-- several events may set is resolved by event time, ties by (source, id) — the event's rank —
-- and the record keeps the winner's rank beside it in a field named '~<group>', so a later
-- arrival can be compared with it. docs/architecture.md ("Conflicts") lists every such field
-- and its winner. Times alone (earliest reported, latest ended...) need no rank: equal times
-- are equal values. KPI buckets hold each call's contribution once: the projection subtracts
-- the call's contribution before the event and adds it after.
--
-- Status and set membership are decided here and only here: call and incident hashes carry
-- `status`, and each change carries m (1/0), whether the entity is in its live set after it.
--
-- Inputs: base (the space's key base '{<prefix>:<city>:<space>}:'), ev (decoded event), x
-- (enrichment: atMs, cityDay, minuteMs, hourMs, kecamatan?, kelurahan?, outside?), want (false
-- in a rebuild: nobody reads the changes). Returns the list of changes { t, id, h, m? }.

local RANK_BYTE = string.byte('~')

-- The event being projected: its time and rank, set by project().
local E = { at = 0, rank = '' }

-- Writes. Records are read once (load) and changed in memory (put); every write is made at the
-- end (flush_writes): one HSET per record touched rather than one per field. The commutative
-- writes (counter and bucket increments, set adds, index scores, TTLs) are combined the same
-- way. Live, the span is one ingest batch (apply-batch.lua); in a rebuild it is a chunk of
-- entries (rebuild-chunk.lua). The projection reads back only records, which the cache serves,
-- and counters (counter_value), and the combined writes' end result does not depend on order,
-- so the state is the same as event by event, for far fewer calls.
local W = nil

local function begin_writes()
  W = { recs = {}, dirty = {}, add = {}, incr = {}, counted = {}, sadd = {}, z = {}, exp = {}, expnx = {} }
end

local function load(key)
  local r = W.recs[key]
  if r == nil then
    r = {}
    local flat = redis.call('HGETALL', key)
    for i = 1, #flat, 2 do r[flat[i]] = flat[i + 1] end
    W.recs[key] = r
  end
  return r
end

-- Sets (or, with value nil, removes) a field of a loaded record.
local function put(key, rec, field, value)
  rec[field] = value
  local d = W.dirty[key]
  if d == nil then d = {}; W.dirty[key] = d end
  d[field] = true
end

local function w_add(key, field, n)
  local h = W.add[key]
  if h == nil then h = {}; W.add[key] = h end
  h[field] = (h[field] or 0) + n
end

local function w_incr(key) W.incr[key] = (W.incr[key] or 0) + 1 end

-- A counter as it will be after the span: read once (GET), plus the span's increments so far.
local function counter_value(key)
  local stored = W.counted[key]
  if stored == nil then
    stored = tonumber(redis.call('GET', key)) or 0
    W.counted[key] = stored
  end
  return stored + W.incr[key]
end

local function w_sadd(key, member)
  local s = W.sadd[key]
  if s == nil then s = {}; W.sadd[key] = s end
  s[member] = true
end

-- Sets a member's score in a zset, or removes it (score false).
local function w_zset(key, member, score)
  local z = W.z[key]
  if z == nil then z = {}; W.z[key] = z end
  z[member] = score
end

local function w_expire(key, ttl, nx)
  if nx then W.expnx[key] = ttl else W.exp[key] = ttl end
end

local function flush_writes()
  local w = W
  W = nil
  for key, d in pairs(w.dirty) do
    local r = w.recs[key]
    local set, del = {}, {}
    for f in pairs(d) do
      local v = r[f]
      if v == nil then table.insert(del, f) else table.insert(set, f); table.insert(set, v) end
    end
    if #set > 0 then redis.call('HSET', key, unpack(set)) end
    if #del > 0 then redis.call('HDEL', key, unpack(del)) end
  end
  for key, h in pairs(w.add) do
    for field, n in pairs(h) do
      -- A field back at zero goes, so a hash is the same whichever way it got there.
      if n ~= 0 and redis.call('HINCRBY', key, field, fmt(n)) == 0 then redis.call('HDEL', key, field) end
    end
  end
  for key, n in pairs(w.incr) do redis.call('INCRBY', key, n) end
  for key, s in pairs(w.sadd) do
    local members = {}
    for m in pairs(s) do table.insert(members, m) end
    redis.call('SADD', key, unpack(members))
  end
  for key, z in pairs(w.z) do
    local add, rem = {}, {}
    for member, score in pairs(z) do
      if score then table.insert(add, score); table.insert(add, member) else table.insert(rem, member) end
    end
    if #add > 0 then redis.call('ZADD', key, unpack(add)) end
    if #rem > 0 then redis.call('ZREM', key, unpack(rem)) end
  end
  -- Last, so that a key created above gets its TTL.
  for key, ttl in pairs(w.exp) do redis.call('EXPIRE', key, ttl) end
  for key, ttl in pairs(w.expnx) do redis.call('EXPIRE', key, ttl, 'NX') end
end

-- A rank is "<atMs> <#source> <source><id>": time first, then source and id, which the length
-- keeps apart whatever bytes they hold.
local function rank_of(at, source, id) return fmt(at) .. ' ' .. #source .. ' ' .. source .. id end

local function parse_rank(s)
  local t, len, rest = string.match(s, '^(%-?%d+) (%d+) ()')
  len = tonumber(len)
  return tonumber(t), string.sub(s, rest, rest + len - 1), string.sub(s, rest + len)
end

local function rank_less(a, b)
  local ta, sa, ia = parse_rank(a)
  local tb, sb, ib = parse_rank(b)
  if ta ~= tb then return ta < tb end
  if sa ~= sb then return sa < sb end
  return ia < ib
end

-- When the current event beats the rank stored in rec[group] ('min': the earliest wins; 'max':
-- the latest), writes its rank and `fields` ({ name, value | false (absent) } pairs). Returns
-- whether it won.
local function take(key, rec, group, mode, fields)
  local cur = rec[group]
  if cur ~= nil then
    if mode == 'min' and not rank_less(E.rank, cur) then return false end
    if mode == 'max' and not rank_less(cur, E.rank) then return false end
  end
  put(key, rec, group, E.rank)
  for i = 1, #fields, 2 do
    local f, v = fields[i], fields[i + 1]
    if v == false then
      if rec[f] ~= nil then put(key, rec, f, nil) end
    else
      put(key, rec, f, tostring(v))
    end
  end
  return true
end

-- Earliest / latest time wins (a time alone: equal values need no tie-break).
local function set_min(key, rec, field, ms)
  local cur = tonumber(rec[field])
  if cur == nil or ms < cur then put(key, rec, field, fmt(ms)) end
end

local function set_max(key, rec, field, ms)
  local cur = tonumber(rec[field])
  if cur == nil or ms > cur then put(key, rec, field, fmt(ms)) end
end

local function set_field(key, rec, field, value)
  if rec[field] ~= value then put(key, rec, field, value) end
end

local function present(v) return v ~= nil and v ~= cjson.null end

-- A record as changes carry it: every field but the ranks (the store's business, not a view's).
local function public_flat(rec)
  local out = {}
  for f, v in pairs(rec) do
    if string.byte(f) ~= RANK_BYTE then table.insert(out, f); table.insert(out, v) end
  end
  return out
end

local function apply_contribution(base, contrib, slot, line, sign)
  if slot == nil then return end
  local key = base .. K.callKpi .. fmt(math.floor(slot * C.SLOT_MS / C.DAY_MS))
  local prefix = fmt(slot) .. '|' .. line .. '|'
  for metric, v in pairs(contrib) do
    -- Skip zeros: -1 * 0 is -0 in Lua, which Redis refuses as an integer.
    if v ~= 0 then w_add(key, prefix .. metric, sign * v) end
  end
end

-- Answered wins over everything (an answered call that also got an abandon from a confused
-- source was still answered); an abandon or expiry wins over a stray end without an answer.
local function call_status(r)
  if r.answeredAt ~= nil then
    if r.endedAt ~= nil then return 'ended' end
    return 'answered'
  end
  if r.abandonedAt ~= nil then return 'abandoned' end
  if r.expiredAt ~= nil then return 'expired' end
  if r.endedAt ~= nil then return 'ended' end
  if r.receivedAt ~= nil then return 'waiting' end
  return 'unknown'
end

local function call_over(r) return r.endedAt ~= nil or r.expiredAt ~= nil end

-- An agent's call: the call of its latest answer (lastCall, callAt, rank '~call'); callId names
-- it while that call has neither ended nor expired. Both inputs are facts of the set (the
-- latest answer; whether that call ended), so the agent is the same in any order.
local function agent_answered(base, agent_id, call_id, r, want, changes)
  local akey = base .. K.agent .. agent_id
  local a = load(akey)
  if take(akey, a, '~call', 'max', { 'lastCall', call_id, 'callAt', fmt(E.at) }) then
    if call_over(r) then
      if a.callId ~= nil then put(akey, a, 'callId', nil) end
    else
      set_field(akey, a, 'callId', call_id)
    end
  end
  w_sadd(base .. K.agents, agent_id)
  w_expire(akey, C.RECORD_TTL)
  if want then table.insert(changes, { t = 'agent', id = agent_id, h = public_flat(a) }) end
end

-- The call ended or expired: every agent that answered it and is still on it leaves it.
local function agents_call_over(base, call_id, r, want, changes)
  for agent_id in string.gmatch(r['~agents'] or '', '[^,]+') do
    local akey = base .. K.agent .. agent_id
    local a = load(akey)
    if a.callId == call_id then
      put(akey, a, 'callId', nil)
      if want then table.insert(changes, { t = 'agent', id = agent_id, h = public_flat(a) }) end
    end
  end
end

-- Adds an agent to the call's '~agents' (every agent that answered it, sorted, comma-joined).
local function add_answerer(key, r, agent_id)
  local set, list = {}, {}
  for a in string.gmatch(r['~agents'] or '', '[^,]+') do set[a] = true end
  if set[agent_id] then return end
  set[agent_id] = true
  for a in pairs(set) do table.insert(list, a) end
  table.sort(list)
  set_field(key, r, '~agents', table.concat(list, ','))
end

-- Filled by callback.lua (appended after this file): callbacks and repeat callers.
local CALLBACKS = {}

local function project_call(base, ev, x, want, changes)
  local id = ev.callId
  local key = base .. K.call .. id
  local r = load(key)
  local before, before_slot = call_contribution(r)
  local before_line = r.line
  local before_number = r.callerNumber
  local before_summary = CALLBACKS.summary(r)
  local at = E.at
  local agent_changes = {}

  if ev.type == 'call.received' then
    take(key, r, '~rcv', 'min', { 'receivedAt', fmt(at), 'line', ev.line })
    if type(ev.caller) == 'table' and present(ev.caller.number) then
      take(key, r, '~num', 'min', { 'callerNumber', ev.caller.number })
    end
    local kec = x.kecamatan
    if kec == nil and type(ev.location) == 'table' and present(ev.location.kecamatan) then kec = ev.location.kecamatan end
    if kec ~= nil then take(key, r, '~kec', 'min', { 'kecamatan', kec }) end
    w_zset(base .. K.callsByReceived, id, tonumber(r.receivedAt))
  elseif ev.type == 'call.answered' then
    take(key, r, '~ans', 'min', { 'answeredAt', fmt(at), 'agentId', ev.agentId })
    add_answerer(key, r, ev.agentId)
    agent_answered(base, ev.agentId, id, r, want, agent_changes)
  elseif ev.type == 'call.abandoned' then
    set_min(key, r, 'abandonedAt', at)
  elseif ev.type == 'call.ended' or ev.type == 'call.expired' then
    if ev.type == 'call.expired' then
      set_min(key, r, 'expiredAt', at)
    else
      set_max(key, r, 'endedAt', at)
      if present(ev.disposition) then take(key, r, '~disp', 'max', { 'disposition', ev.disposition }) end
    end
    agents_call_over(base, id, r, want, agent_changes)
  elseif ev.type == 'call.callback' then
    CALLBACKS.record(key, r, ev)
  end

  local status = call_status(r)
  set_field(key, r, 'status', status)
  -- Before the contribution below: a callback or an abandonment moves this call's callbackAt.
  -- Skipped when the event changed nothing the number's rules read (most ends, repeats): the
  -- number's state is a function of its calls' summaries, and this one's stayed the same.
  if before_number ~= r.callerNumber or before_summary ~= CALLBACKS.summary(r) then
    CALLBACKS.sync(base, id, key, r, before_number, want, changes)
  end

  local after, after_slot = call_contribution(r)
  if before_slot == after_slot and before_line == r.line then
    -- Same bucket field prefix (the usual case): only what changed is written.
    local diff, any = {}, false
    for m, v in pairs(after) do
      local d = v - (before[m] or 0)
      if d ~= 0 then diff[m] = d; any = true end
    end
    for m, v in pairs(before) do
      if after[m] == nil then diff[m] = -v; any = true end
    end
    if any then apply_contribution(base, diff, after_slot, r.line, 1) end
  else
    apply_contribution(base, before, before_slot, before_line, -1)
    apply_contribution(base, after, after_slot, r.line, 1)
  end

  local waiting = status == 'waiting'
  w_zset(base .. K.callsWaiting, id, waiting and tonumber(r.receivedAt))
  w_expire(key, C.RECORD_TTL)
  if want then
    table.insert(changes, { t = 'call', id = id, h = public_flat(r), m = waiting and 1 or 0 })
    for _, c in ipairs(agent_changes) do table.insert(changes, c) end
  end
end

local AGENT_FIELD = { ['agent.login'] = 'loginAt', ['agent.logout'] = 'logoutAt',
  ['agent.paused'] = 'pausedAt', ['agent.unpaused'] = 'unpausedAt' }

local function project_agent(base, ev, x, want, changes)
  local key = base .. K.agent .. ev.agentId
  local a = load(key)
  set_max(key, a, AGENT_FIELD[ev.type], E.at)
  if present(ev.line) then take(key, a, '~line', 'max', { 'line', ev.line }) end
  w_sadd(base .. K.agents, ev.agentId)
  w_expire(key, C.RECORD_TTL)
  if want then table.insert(changes, { t = 'agent', id = ev.agentId, h = public_flat(a) }) end
end

local function incident_status(r)
  if r.closedAt ~= nil then return 'closed' end
  if r.onSceneAt ~= nil then return 'on_scene' end
  if r.dispatchedAt ~= nil then return 'dispatched' end
  if r.reportedAt ~= nil then return 'reported' end
  return 'unknown'
end

-- What a report says about an incident, as { field, value | false } pairs: the latest report
-- replaces all of it (a field it lacks is removed), so two reports never mix.
local function report_fields(ev, x)
  local loc = ev.location
  local lat, lon, lockec = false, false, false
  if type(loc) == 'table' then
    if present(loc.lat) then lat = tostring(loc.lat); lon = tostring(loc.lon) end
    if present(loc.kecamatan) then lockec = loc.kecamatan end
  end
  local kec = x.kecamatan
  if kec == nil then kec = lockec end
  return {
    'line', ev.line, 'category', ev.category, 'priority', tostring(ev.priority),
    'lat', lat, 'lon', lon, 'locKecamatan', lockec, 'kecamatan', kec,
    'kelurahan', x.kelurahan or false, 'outside', x.outside and '1' or false,
    'callId', present(ev.callId) and ev.callId or false,
    'summary', present(ev.summary) and ev.summary or false,
  }
end

-- Each unit's dispatch and arrival, for the incident's timeline: '~units' holds one line per
-- step, 'd <atMs> <agency> <unitId>' or 's <atMs> - <unitId>' (unitId may be empty), as a SET
-- (the same step twice is one) sorted by time then text, so the field is a function of the set
-- of events; past C.INCIDENT_UNIT_STEPS_MAX steps the earliest are kept. Named with '~' so the
-- changes leave it out: only the timeline reader needs it.
local function unit_time(line) return tonumber(string.match(line, '^%a (%-?%d+)')) or 0 end

local function add_unit_step(key, r, step)
  local list, seen = {}, {}
  for line in string.gmatch(r['~units'] or '', '[^\n]+') do
    if not seen[line] then seen[line] = true; table.insert(list, line) end
  end
  if seen[step] then return end
  table.insert(list, step)
  table.sort(list, function(a, b)
    local ta, tb = unit_time(a), unit_time(b)
    if ta ~= tb then return ta < tb end
    return a < b
  end)
  while #list > C.INCIDENT_UNIT_STEPS_MAX do table.remove(list) end
  set_field(key, r, '~units', table.concat(list, '\n'))
end

local function unit_id(ev)
  if present(ev.unitId) then return (string.gsub(tostring(ev.unitId), '%s', '_')) end
  return ''
end

local function project_incident(base, ev, x, want, changes)
  local id = ev.incidentId
  local key = base .. K.incident .. id
  local r = load(key)
  local at = E.at
  if ev.type == 'incident.reported' then
    set_min(key, r, 'reportedAt', at)
    take(key, r, '~rep', 'max', report_fields(ev, x))
    w_zset(base .. K.incidentsByReported, id, tonumber(r.reportedAt))
  elseif ev.type == 'incident.dispatched' then
    set_min(key, r, 'dispatchedAt', at)
    local set, list = {}, {}
    for a in string.gmatch(r.agencies or '', '[^,]+') do set[a] = true end
    set[ev.agency] = true
    for a in pairs(set) do table.insert(list, a) end
    table.sort(list)
    set_field(key, r, 'agencies', table.concat(list, ','))
    add_unit_step(key, r, 'd ' .. fmt(at) .. ' ' .. ev.agency .. ' ' .. unit_id(ev))
  elseif ev.type == 'incident.on_scene' then
    set_min(key, r, 'onSceneAt', at)
    add_unit_step(key, r, 's ' .. fmt(at) .. ' - ' .. unit_id(ev))
  elseif ev.type == 'incident.closed' then
    take(key, r, '~close', 'max', { 'closedAt', fmt(at), 'outcome', ev.outcome })
  end
  set_field(key, r, 'status', incident_status(r))
  local open = r.reportedAt ~= nil and r.closedAt == nil
  w_zset(base .. K.incidentsOpen, id, open and tonumber(r.reportedAt))
  w_expire(key, C.INCIDENT_TTL)
  if want then table.insert(changes, { t = 'incident', id = id, h = public_flat(r), m = open and 1 or 0 }) end
end

local function project_app(base, ev, x)
  local count = tonumber(ev.count) or 1
  local field = ev.appId .. '|' .. ev.kind
  local mkey = base .. K.appsMinute .. fmt(x.minuteMs)
  local hkey = base .. K.appsHour .. fmt(x.hourMs)
  local dkey = base .. K.appsDay .. x.cityDay
  w_add(mkey, field, count)
  w_expire(mkey, C.MINUTE_TTL, true)
  w_add(hkey, field, count)
  w_expire(hkey, C.HOUR_TTL, true)
  w_add(dkey, field, count)
  w_sadd(base .. K.appsSeen, ev.appId)
  if ev.kind == 'complaint' then
    local kec = ev.kecamatan
    if not present(kec) then kec = 'unknown' end
    local ckey = base .. K.complaints .. fmt(x.hourMs)
    w_add(ckey, kec, count)
    w_expire(ckey, C.HOUR_TTL, true)
  end
end

-- Alert history is trimmed by the clock in the hourly maintenance (trim-record-indexes.ts), not
-- here: a trim inside the projection would make the state depend on which raises came first.
local function project_alert(base, ev, x, want, changes)
  local id = ev.alertId
  local key = base .. K.alert .. id
  local r = load(key)
  local at = E.at
  if ev.type == 'alert.raised' then
    set_min(key, r, 'raisedAt', at)
    local detail = false
    if type(ev.detail) == 'table' then detail = cjson.encode(ev.detail) end
    take(key, r, '~raise', 'max', { 'kind', ev.kind, 'subject', ev.subject, 'detail', detail })
    -- Severity only escalates: no raise of any time calms a "critical".
    if r.severity ~= 'critical' then set_field(key, r, 'severity', ev.severity) end
    w_zset(base .. K.alertsByRaised, id, tonumber(r.raisedAt))
  elseif ev.type == 'alert.cleared' then
    set_max(key, r, 'clearedAt', at)
  elseif ev.type == 'alert.acked' then
    take(key, r, '~ack', 'min', { 'ackedAt', fmt(at), 'ackedBy', ev.by })
  end
  local active = r.raisedAt ~= nil and r.clearedAt == nil
  w_zset(base .. K.alertsActive, id, active and tonumber(r.raisedAt))
  w_expire(key, C.ALERT_TTL)
  if want then table.insert(changes, { t = 'alert', id = id, h = public_flat(r), m = active and 1 or 0 }) end
end

local function project(base, ev, x, want)
  E.at = x.atMs
  E.rank = rank_of(x.atMs, ev.source, ev.id)
  -- A batch (apply-batch.lua) or a rebuild chunk opened the span; otherwise the event is one.
  local own = W == nil
  if own then begin_writes() end
  local changes = {}
  local family = string.match(ev.type, '^[^.]+')
  if family == 'call' then project_call(base, ev, x, want, changes)
  elseif family == 'agent' then project_agent(base, ev, x, want, changes)
  elseif family == 'incident' then project_incident(base, ev, x, want, changes)
  elseif family == 'app' then project_app(base, ev, x)
  elseif family == 'alert' then project_alert(base, ev, x, want, changes)
  end
  local ckey = base .. K.eventsPerDay .. x.cityDay
  w_incr(ckey)
  w_expire(ckey, C.COUNTER_TTL, true)
  if want then
    -- The change carries the counter's new value: what Redis holds plus this span's increments.
    table.insert(changes, { t = 'counter', id = x.cityDay, n = counter_value(ckey) })
  end
  if own then flush_writes() end
  return changes
end

-- Projects stream entries (XRANGE rows) as a rebuild does, nobody reading the changes: each
-- entry's event `e` with its enrichment `x`. A reset marker (wipe-space.ts) carries no event:
-- nothing to project. (rebuild-chunk.lua and replay-fold.lua.)
local function project_rows(base, rows)
  for _, row in ipairs(rows) do
    local f = row[2]
    local e, x
    for i = 1, #f, 2 do
      if f[i] == 'e' then e = f[i + 1] elseif f[i] == 'x' then x = f[i + 1] end
    end
    if e ~= nil then project(base, cjson.decode(e), cjson.decode(x or '{}'), false) end
  end
end
