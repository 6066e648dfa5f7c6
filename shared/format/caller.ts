// Caller numbers are personal data: displays (wall screens) see a masked form, executives
// and the public demo none at all (design.md "Modes and roles").

const MASK = '****';

/**
 * '081234567789' → '0812****789'. Separators are dropped; the mask has a fixed width so it
 * does not reveal the length. Numbers too short to keep 4 + 3 digits private are masked whole.
 * Idempotent: masking a masked number gives it back.
 */
export function maskCallerNumber(number: string): string {
  const compact = number.replace(/[^0-9+*#]/g, '');
  if (compact.length === 0) return '';
  if (compact.length < 8) return MASK;
  return `${compact.slice(0, 4)}${MASK}${compact.slice(-3)}`;
}
