-- project-event: re-run the projection of one stream entry (rebuild). No dedupe, no append.
-- (project.lua is prepended by scripts.ts.)
--
-- KEYS[1]  the space's stream (declared so the script routes to the space's slot)
-- ARGV[1]  key prefix of the space
-- ARGV[2]  the event, JSON (field e of the entry)
-- ARGV[3]  enrichment, JSON (field x of the entry)
--
-- Returns the number of changes the projection produced.
local changes = project(ARGV[1], cjson.decode(ARGV[2]), cjson.decode(ARGV[3]))
return #changes
