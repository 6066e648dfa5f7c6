// Repeat and nuisance callers on the desk (issue 16): the one rule of when a number is flagged
// "sering iseng". The counts come from the projection (server/store/lua/callback.lua); the
// threshold from the city profile. A flag only: a flagged caller's call is listed and answered
// like any other, never hidden or dropped.
import type { CallerRules } from '../contract/city.ts';

export function isFrequentPrank(prankCalls24h: number | undefined, rules: CallerRules | undefined): boolean {
  if (rules === undefined || prankCalls24h === undefined) return false;
  return prankCalls24h >= rules.frequentPrankCalls;
}
