-- callback.lua: the projection's rules of callbacks and repeat callers (issue 16), one block
-- apart from the rest of THE projection. Not a script on its own: scripts.ts appends it to
-- project.lua (it uses that file's load/put/take helpers and fills its CALLBACKS table, which
-- project_call calls once the call's own fields and status are decided).
--
-- Every call that carries a caller number has a one-line summary in the number's hash
-- (`caller:<number, digits and + * # only>`, field `c:<callId>`):
--   "<receivedAt>|<abandonedAt if abandoned>|<1 if prank or ghost>|<1 if waiting>|<own callbacks>|
--    <callbackAt>|<callbackDone>|<repeat24h>|<prank24h>"
-- where own callbacks are "<atMs>:<outcome>" joined by ',' and sorted. Everything about the
-- number is derived from these summaries alone, so it is a function of the SET of the number's
-- calls and their events, whatever the arrival order:
--
-- * A callback counts for an abandoned call when it was made on that call (at any time: a PBX
--   clock ahead of the abandon is not a callback before the hang-up) or on another call of the
--   same number at or after this call's abandonment (the caller was phoned after hanging up).
--   callbackAt = the earliest counting callback (the KPI "called back", "within 2 minutes");
--   callbackDone = some counting callback reached the caller or found the number invalid.
--   `no-answer` and `busy` are attempts: the call stays on the list for another try.
-- * The callback list holds one entry per number: its earliest pending (abandoned, not done)
--   call, ties by callId, keyed by that callId (`callback:<callId>`, zset `calls:callbacks`),
--   with `attempts` = how many of the number's abandoned calls are pending (merged), `tries`
--   and `lastOutcome` = the callbacks made since that first abandonment.
-- * A waiting call carries repeat24h (calls from its number received in the 24 h up to its own
--   receipt, itself included) and prank24h (of those, ended as prank or ghost); other calls
--   carry neither. The "frequent prank" flag compares prank24h with the profile (not here).

local RESOLVES = { reached = true, ['invalid-number'] = true }
local NUISANCE = { prank = true, ghost = true }

local function split_bar(s)
  local out, i = {}, 1
  while true do
    local j = string.find(s, '|', i, true)
    if j == nil then table.insert(out, string.sub(s, i)); return out end
    table.insert(out, string.sub(s, i, j - 1))
    i = j + 1
  end
end

local function caller_key(base, number)
  return base .. K.caller .. string.gsub(number, '[^%d%+%*#]', '')
end

-- One call's line in its number's hash, from its record.
local function summary_of(r)
  local st = r.status
  return table.concat({
    r.receivedAt or '',
    (st == 'abandoned' and r.abandonedAt) or '',
    (r.disposition ~= nil and NUISANCE[r.disposition]) and '1' or '',
    st == 'waiting' and '1' or '',
    r['~cbs'] or '',
    r.callbackAt or '', r.callbackDone or '', r.repeat24h or '', r.prank24h or '',
    -- Last: the line the entry shows. A later receipt may win the call's line (by rank), and the
    -- entry must follow it whatever the order; parse_summary does not read it.
    r.line or '',
  }, '|')
end

-- project_call compares a call's summary before and after its event: equal, nothing to do.
CALLBACKS.summary = summary_of

local function parse_summary(id, v)
  local p = split_bar(v)
  return {
    id = id, rec = tonumber(p[1]), abn = tonumber(p[2]), nuis = p[3] == '1', waiting = p[4] == '1', cbs = p[5] or '',
    derived = table.concat({ p[6] or '', p[7] or '', p[8] or '', p[9] or '' }, '|'),
  }
end

local function callbacks_of(c, into)
  for at, outcome in string.gmatch(c.cbs, '(%-?%d+):([%a%-]+)') do
    table.insert(into, { t = tonumber(at), o = outcome, owner = c.id })
  end
end

-- A deterministic "later" among callbacks: time, then owner, then outcome.
local function cb_later(a, b)
  if a.t ~= b.t then return a.t > b.t end
  if a.owner ~= b.owner then return a.owner > b.owner end
  return a.o > b.o
end

local function counts_for(c, cb) return cb.owner == c.id or (c.abn ~= nil and cb.t >= c.abn) end

-- The derived fields of call c among the number's calls and callbacks: { field, value | false }.
local function derive(c, calls, cbs)
  local first, done = nil, false
  for _, cb in ipairs(cbs) do
    if counts_for(c, cb) then
      if first == nil or cb.t < first then first = cb.t end
      if RESOLVES[cb.o] then done = true end
    end
  end
  local rep, prk = false, false
  if c.waiting and c.rec ~= nil then
    rep, prk = 0, 0
    for _, d in ipairs(calls) do
      if d.rec ~= nil and d.rec <= c.rec and d.rec >= c.rec - C.REPEAT_WINDOW_MS then
        rep = rep + 1
        if d.nuis then prk = prk + 1 end
      end
    end
    rep, prk = fmt(rep), fmt(prk)
  end
  local f = { 'callbackAt', first ~= nil and fmt(first) or false, 'callbackDone', done and '1' or false,
    'repeat24h', rep, 'prank24h', prk }
  local text = {}
  for i = 2, #f, 2 do table.insert(text, f[i] or '') end
  return f, table.concat(text, '|'), done
end

local function set_fields(key, r, f)
  for i = 1, #f, 2 do
    local name, v = f[i], f[i + 1]
    if v == false then
      if r[name] ~= nil then put(key, r, name, nil) end
    else
      set_field(key, r, name, v)
    end
  end
end

-- Another call of the number: its derived fields change, and with them its KPI contribution.
local function update_other(base, id, f, want, changes)
  local key = base .. K.call .. id
  local r = load(key)
  -- A record gone by its TTL (40 days) is not brought back as a shell of derived fields.
  if r.receivedAt == nil then return r end
  local before, bslot = call_contribution(r)
  local bline = r.line
  set_fields(key, r, f)
  local after, aslot = call_contribution(r)
  apply_contribution(base, before, bslot, bline, -1)
  apply_contribution(base, after, aslot, r.line, 1)
  w_expire(key, C.RECORD_TTL)
  if want then table.insert(changes, { t = 'call', id = id, h = public_flat(r), m = r.status == 'waiting' and 1 or 0 }) end
  return r
end

local function drop_entry(base, id, want, changes)
  local ekey = base .. K.callback .. id
  local e = load(ekey)
  for f in pairs(e) do put(ekey, e, f, nil) end
  w_zset(base .. K.callbacks, id, false)
  if want then table.insert(changes, { t = 'callback', id = id, h = {}, m = 0 }) end
end

-- Recomputes everything derived for one number; the call `self_id` (record self_r) is the
-- event's own call, whose KPI contribution project_call settles itself.
local function regroup(base, number, self_id, self_r, want, changes)
  local ckey = caller_key(base, number)
  local h = load(ckey)
  local calls, cbs = {}, {}
  for f, v in pairs(h) do
    if string.sub(f, 1, 2) == 'c:' then
      local c = parse_summary(string.sub(f, 3), v)
      table.insert(calls, c)
      callbacks_of(c, cbs)
    end
  end

  local first, attempts, last = nil, 0, nil
  for _, c in ipairs(calls) do
    local f, text, done = derive(c, calls, cbs)
    if text ~= c.derived then
      local r
      if c.id == self_id then
        r = self_r
        set_fields(base .. K.call .. c.id, r, f)
      else
        r = update_other(base, c.id, f, want, changes)
      end
      if r.receivedAt ~= nil then set_field(ckey, h, 'c:' .. c.id, summary_of(r)) end
    end
    if c.abn ~= nil and not done then
      attempts = attempts + 1
      if first == nil or c.abn < first.abn or (c.abn == first.abn and c.id < first.id) then first = c end
      if last == nil or c.abn > last then last = c.abn end
    end
  end

  local old = h.entry
  if first ~= nil then
    local tries, latest = 0, nil
    for _, cb in ipairs(cbs) do
      if counts_for(first, cb) then
        tries = tries + 1
        if latest == nil or cb_later(cb, latest) then latest = cb end
      end
    end
    local ekey = base .. K.callback .. first.id
    local e = load(ekey)
    local fr = load(base .. K.call .. first.id)
    local before = cjson.encode(public_flat(e))
    set_fields(ekey, e, {
      'line', fr.line or false, 'abandonedAt', fmt(first.abn), 'lastAbandonedAt', fmt(last),
      'attempts', fmt(attempts), 'callerNumber', fr.callerNumber or number, 'tries', fmt(tries),
      'lastOutcome', latest ~= nil and latest.o or false, 'lastCallbackAt', latest ~= nil and fmt(latest.t) or false,
    })
    w_zset(base .. K.callbacks, first.id, first.abn)
    w_expire(ekey, C.RECORD_TTL)
    if old ~= first.id then set_field(ckey, h, 'entry', first.id) end
    if want and (old ~= first.id or cjson.encode(public_flat(e)) ~= before) then
      table.insert(changes, { t = 'callback', id = first.id, h = public_flat(e), m = 1 })
    end
  elseif old ~= nil then
    put(ckey, h, 'entry', nil)
  end
  if old ~= nil and (first == nil or old ~= first.id) then drop_entry(base, old, want, changes) end
  w_expire(ckey, C.RECORD_TTL)
end

-- A `call.callback` on its call's record: the latest says the outcome and agent (rank '~cb'),
-- and every one is kept in '~cbs' (the number's rules need each time and outcome).
function CALLBACKS.record(key, r, ev)
  take(key, r, '~cb', 'max', { 'callbackOutcome', ev.outcome, 'callbackAgent', ev.agentId })
  local list = {}
  for item in string.gmatch(r['~cbs'] or '', '[^,]+') do table.insert(list, item) end
  table.insert(list, fmt(E.at) .. ':' .. ev.outcome)
  table.sort(list)
  put(key, r, '~cbs', table.concat(list, ','))
end

-- After any event of a call: its line in its number's hash, and the number's derived state.
-- old_number: the call's number before the event (an earlier receipt may name another one).
function CALLBACKS.sync(base, id, key, r, old_number, want, changes)
  local number = r.callerNumber
  if not has_number(number) then number = nil end
  if not has_number(old_number) then old_number = nil end
  if old_number ~= nil and old_number ~= number then
    local okey = caller_key(base, old_number)
    local o = load(okey)
    if o['c:' .. id] ~= nil then put(okey, o, 'c:' .. id, nil) end
    regroup(base, old_number, id, r, want, changes)
  end
  if number == nil then
    -- No number: only its own callbacks count, and it is on no list.
    local c = parse_summary(id, summary_of(r))
    local cbs = {}
    callbacks_of(c, cbs)
    local f = derive(c, { c }, cbs)
    f[6], f[8] = false, false
    set_fields(key, r, f)
    return
  end
  local ckey = caller_key(base, number)
  local h = load(ckey)
  set_field(ckey, h, 'c:' .. id, summary_of(r))
  regroup(base, number, id, r, want, changes)
  set_field(ckey, h, 'c:' .. id, summary_of(r))
end
