// Fake but realistic Indonesian mobile numbers for simulated callers (demo data only).
import { MOBILE_PREFIXES } from './facts.ts';
import { int, pick, type Rng } from './rng.ts';

/** 08xx plus 7–8 digits: 11–12 digits in all, as Indonesian mobile numbers are. */
export function mobileNumber(rng: Rng): string {
  const digits = int(rng, 7, 8);
  let rest = String(int(rng, 1, 9));
  for (let i = 1; i < digits; i++) rest += String(int(rng, 0, 9));
  return pick(rng, MOBILE_PREFIXES) + rest;
}
