// The city profile loader against generated broken folders (issue 9, point 3): whatever is
// wrong, it stops with a CityProfileError that names the file and, when the file still
// parses, the field; never another exception, never a half-loaded profile.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CityProfileError, loadCityProfile } from '../../server/city/load-profile.ts';
import { createBrokenFolderGenerator, PROFILE_FILES, type BrokenFolder, type ProfileFile } from '../support/fuzz-city.ts';
import { createRng } from '../support/fuzz-rng.ts';

const CASES = 2_500;
const fixture = fileURLToPath(new URL('../fixtures/cities/valid', import.meta.url));
const originals = Object.fromEntries(PROFILE_FILES.map((f) => [f, readFileSync(join(fixture, f), 'utf8')])) as Record<ProfileFile, string>;
const dir = mkdtempSync(join(tmpdir(), 'pantau-city-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeFolder(broken: BrokenFolder): void {
  for (const f of PROFILE_FILES) {
    const path = join(dir, f);
    rmSync(path, { recursive: true, force: true });
    if (f !== broken.file) {
      writeFileSync(path, originals[f]);
      continue;
    }
    const c = broken.content;
    if (c.kind === 'text') writeFileSync(path, c.text);
    else if (c.kind === 'bytes') writeFileSync(path, c.bytes);
    else if (c.kind === 'folder') mkdirSync(path);
  }
}

describe('loadCityProfile on broken folders', () => {
  it('always fails with a CityProfileError naming the file (and the field when the JSON parses)', async () => {
    const rng = createRng(36_71);
    const next = createBrokenFolderGenerator(rng, originals);
    const problems: string[] = [];
    const tally = { cases: 0, refused: 0, withField: 0, loaded: 0 };
    for (let i = 0; i < CASES; i++) {
      const broken = next();
      writeFolder(broken);
      tally.cases += 1;
      const outcome = await loadCityProfile(dir).then(() => null, (e: unknown) => e);
      if (outcome === null) {
        // The change was harmless (an optional field dropped, a name changed): the profile is whole.
        tally.loaded += 1;
        continue;
      }
      if (!(outcome instanceof CityProfileError)) {
        problems.push(`${broken.file}: ${broken.what}: ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : String(outcome)}`.slice(0, 300));
        continue;
      }
      tally.refused += 1;
      if (outcome.field !== null) tally.withField += 1;
      const names = PROFILE_FILES.map((f) => `${dir}/${f}`);
      if (!names.includes(outcome.file) || !outcome.message.startsWith(`${outcome.file}: `)) problems.push(`${broken.what}: names no file of the folder: ${outcome.message.slice(0, 200)}`);
      // A value that still parses is found by its path; a file that does not parse, by its line.
      if (broken.structural && broken.path !== '' && outcome.file.endsWith(broken.file) && outcome.field === null) {
        problems.push(`${broken.file}: ${broken.what}: no field in "${outcome.message.slice(0, 200)}"`);
      }
    }
    expect(problems.slice(0, 15)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tally.refused).toBeGreaterThan(CASES / 2);
    console.log(`fuzz city profile: ${tally.cases} broken folders, ${tally.refused} refused with CityProfileError (${tally.withField} naming a field), ${tally.loaded} harmless changes loaded, 0 other exceptions`);
  }, 120_000);
});
