-- project-event: projects one event into derived state, without dedupe or stream append (the
-- benchmarks fill month-sized histories this way, as a rebuild would leave them).
-- (scripts.ts prepends the prelude, common.lua and project.lua.)
--
-- KEYS[1]  the space's stream (declared so the script routes to the space's slot)
-- ARGV[1]  key base of the space
-- ARGV[2]  the event, JSON
-- ARGV[3]  enrichment, JSON
--
-- Returns 1.
project(ARGV[1], cjson.decode(ARGV[2]), cjson.decode(ARGV[3]), false)
return 1
