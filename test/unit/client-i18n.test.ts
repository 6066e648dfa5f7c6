import { describe, expect, it } from 'vitest';
import en from '../../client/app/locales/en.json' with { type: 'json' };
import id from '../../client/app/locales/id.json' with { type: 'json' };

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]: [string, unknown]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('locale catalogues', () => {
  it('English has every Indonesian key (plural forms aside)', () => {
    const enKeys = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    expect(keys(id).filter((k) => !enKeys.has(k))).toEqual([]);
  });
  it('uses the words of ui.md', () => {
    expect(id.queue.waiting).toBe('menunggu');
    expect(id.queue.longest).toBe('tunggu terlama');
    expect(id.agents.available).toBe('siap');
    expect(id.status.on_scene).toBe('tiba di lokasi');
    expect(id.demo.watermark).toBe('DEMO — data simulasi');
  });
});
