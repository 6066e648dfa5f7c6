// Broken city profile folders for the loader's fuzz test: one file of a valid folder changed
// at a random place (a value of the wrong type, a key gone, an array emptied, odd Unicode,
// prototype keys), or broken as a file (missing, empty, cut, binary, a folder in its place).
import type { Rng } from './fuzz-rng.ts';

export const PROFILE_FILES = ['profile.json', 'kecamatan.geojson', 'kelurahan.geojson', 'apps.json'] as const;
export type ProfileFile = (typeof PROFILE_FILES)[number];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export type FileContent = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Buffer } | { kind: 'missing' } | { kind: 'folder' };

export interface BrokenFolder {
  file: ProfileFile;
  content: FileContent;
  /** Dotted path that was changed, '' for the whole file. */
  path: string;
  /** Whether the file still parses as JSON (the loader must then name a field, not a line). */
  structural: boolean;
  what: string;
}

const ODD_STRINGS = ['', ' ', '\u0000', '\uD800', '\u202E', '\u200B', 'NaN', 'null', '1e999', 'x'.repeat(100_000), '../../etc/passwd', '<script>', '{{s}}'];

function wrongValue(rng: Rng): Json {
  return rng.pick<Json>([
    null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, rng.pick(ODD_STRINGS), [], {}, [[]], [null], { a: 1 },
    JSON.parse('{"__proto__":{"polluted":true}}') as Json,
    Array.from({ length: 3 }, () => rng.string(4)),
  ]);
}

/** Stands for a deeply nested value until the text is written: JSON.stringify would recurse on it. */
const NESTED = '@@nested@@';
const nestedText = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Every path below the root, as key lists. */
function pathsOf(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...prefix, i]); pathsOf(x, [...prefix, i], out); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...prefix, k]); pathsOf(x, [...prefix, k], out); }
  return out;
}

function parentOf(doc: Json, path: readonly (string | number)[]): Json {
  let v = doc;
  for (const k of path.slice(0, -1)) v = (v as Record<string | number, Json>)[k] ?? null;
  return v;
}

export function createBrokenFolderGenerator(rng: Rng, originals: Record<ProfileFile, string>): () => BrokenFolder {
  const structural = (file: ProfileFile): BrokenFolder => {
    const doc = JSON.parse(originals[file]) as Json;
    const all = pathsOf(doc);
    const path = rng.pick(all);
    const parent = parentOf(doc, path);
    const key = path[path.length - 1] as string | number;
    const op = rng.int(0, 4);
    let what: string;
    if (op === 0 && Array.isArray(parent)) {
      parent.splice(Number(key), 1);
      what = 'array element removed';
    } else if (op === 0 && parent !== null && typeof parent === 'object') {
      delete (parent as Record<string, Json>)[key];
      what = 'key removed';
    } else if (op === 1) {
      (parent as Record<string | number, Json>)[key] = NESTED;
      what = 'deeply nested value';
    } else if (op === 2 && Array.isArray((parent as Record<string | number, Json>)[key])) {
      (parent as Record<string | number, Json>)[key] = [];
      what = 'array emptied';
    } else {
      (parent as Record<string | number, Json>)[key] = wrongValue(rng);
      what = 'wrong value';
    }
    let text = JSON.stringify(doc).replace(`"${NESTED}"`, nestedText(rng.pick([10, 1_000, 20_000])));
    if (rng.chance(0.1)) {
      // Prototype keys at the top: JSON.parse keeps them as own keys; nothing may merge them.
      const rest = text.slice(1);
      text = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}${rest === '}' ? '' : ','}${rest}`;
      what += ' + proto keys';
    }
    return { file, content: { kind: 'text', text }, path: path.join('.'), structural: true, what: `${what} at ${path.join('.')}` };
  };

  const whole = (file: ProfileFile): BrokenFolder => {
    const original = originals[file];
    const bytes = Buffer.alloc(rng.int(1, 2_000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
    const variants: [FileContent, string][] = [
      [{ kind: 'missing' }, 'missing'],
      [{ kind: 'text', text: '' }, 'empty'],
      [{ kind: 'text', text: original.slice(0, rng.int(1, original.length - 1)) }, 'cut short'],
      [{ kind: 'bytes', bytes }, 'binary'],
      [{ kind: 'text', text: `\uFEFF${original}` }, 'BOM'],
      [{ kind: 'folder' }, 'a folder in its place'],
      [{ kind: 'text', text: rng.pick(['[]', 'null', '1', '"x"', 'true', '{}']) }, 'wrong top-level value'],
    ];
    const [content, what] = rng.pick(variants);
    return { file, content, path: '', structural: what === 'wrong top-level value', what };
  };

  return () => {
    const file = rng.pick(PROFILE_FILES);
    return rng.chance(0.8) ? structural(file) : whole(file);
  };
}
