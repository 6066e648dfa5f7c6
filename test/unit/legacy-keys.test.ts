// Where each key of the single-city layout goes in the city-scoped one (store/keys.ts): the
// names the migration moves and the start-up refusal looks for.
import { describe, expect, it } from 'vitest';
import { KEY_SUFFIX, legacySpaceKeys, spaceKeys } from '../../server/store/keys.ts';

describe('legacySpaceKeys', () => {
  const legacy = legacySpaceKeys('pantau', 'live');
  const target = spaceKeys('pantau', 'kota-bandung', 'live');

  it('names the 0.1 layout', () => {
    expect(legacy.base).toBe('pantau:{live}:');
    expect(legacy.epoch).toBe('pantau:{live}#epoch');
    expect(legacy.pattern).toBe('pantau:{live}*');
    expect(legacy.singles).toContain('pantau:{live}:stream');
    expect(legacy.singles).toContain('pantau:{live}:calls:waiting');
    // Only one-key names: a prefix of many keys (call:, dedupe:) cannot be asked with EXISTS.
    expect(legacy.singles.every((k) => !k.endsWith(':'))).toBe(true);
  });

  it('moves every key to the same suffix under the city-space, and drops the epoch', () => {
    for (const suffix of Object.values(KEY_SUFFIX)) {
      const old = `${legacy.base}${suffix}${suffix.endsWith(':') ? 'x1' : ''}`;
      expect(legacy.renamed(old, target)).toBe(`{pantau:kota-bandung:live}:${old.slice(legacy.base.length)}`);
    }
    expect(legacy.renamed('pantau:{live}:stream', target)).toBe(target.stream);
    expect(legacy.renamed(legacy.epoch, target)).toBeNull();
  });

  it('refuses a key that is not of the old space', () => {
    expect(() => legacy.renamed('pantau:{demo}:stream', target)).toThrow(/not a key of pantau:\{live\}:/);
    expect(() => legacy.renamed(target.stream, target)).toThrow();
  });
});
