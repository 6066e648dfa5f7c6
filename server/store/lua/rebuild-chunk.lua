-- rebuild-chunk: projects the next entries of a space's stream, inside Redis (rebuild). No
-- dedupe, no append, no changes: the entries are already the space's history.
-- (scripts.ts prepends the prelude, common.lua and project.lua.)
--
-- KEYS[1]  the space's stream
-- ARGV[1]  key base of the space
-- ARGV[2]  the first id to read (XRANGE syntax: '-' or '(<id>' to start after an entry)
-- ARGV[3]  how many entries at most (small enough that one call stays well under 100 ms)
--
-- Returns { last id projected (or '' when none), how many entries were projected }.
local rows = redis.call('XRANGE', KEYS[1], ARGV[2], '+', 'COUNT', tonumber(ARGV[3]))
local base = ARGV[1]
begin_writes()
project_rows(base, rows)
flush_writes()
if #rows == 0 then return { '', 0 } end
return { rows[#rows][1], #rows }
