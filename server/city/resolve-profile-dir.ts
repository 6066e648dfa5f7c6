// Where a profile folder is: a bare name ("kota-bandung") is a bundled profile under the
// project's cities/ folder; anything with a slash is a folder path. The project root is found
// by walking up to pantau's package.json, so this works from server/city/*.ts and from the
// compiled dist/server/server/city/*.js alike.
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CityProfileError } from './city-profile-error.ts';

export interface ProfileDir {
  /** Absolute path of the folder. */
  dir: string;
  /** How messages name the folder: "cities/<name>" for a bundled one, else the path as given. */
  label: string;
}

export async function resolveProfileDir(nameOrPath: string): Promise<ProfileDir> {
  if (/[/\\]/.test(nameOrPath)) {
    const label = nameOrPath.replace(/[/\\]+$/, '');
    await requireFolder(resolve(nameOrPath), label, 'no such folder');
    return { dir: resolve(nameOrPath), label };
  }
  const citiesDir = join(await findProjectRoot(), 'cities');
  const label = `cities/${nameOrPath}`;
  if (!/^[a-z0-9-]+$/.test(nameOrPath)) {
    throw new CityProfileError(label, null, 'a bundled profile name has only a-z, 0-9 and "-" (give a path with a slash for a folder elsewhere)');
  }
  const dir = join(citiesDir, nameOrPath);
  await requireFolder(dir, label, `no bundled profile of that name (bundled: ${(await bundledNames(citiesDir)).join(', ')})`);
  return { dir, label };
}

export async function findProjectRoot(from = dirname(fileURLToPath(import.meta.url))): Promise<string> {
  for (let dir = from; ; dir = dirname(dir)) {
    if (await isPantauPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json named "pantau" above ${from}`);
  }
}

async function isPantauPackage(file: string): Promise<boolean> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'pantau';
  } catch {
    return false;
  }
}

async function requireFolder(dir: string, label: string, detail: string): Promise<void> {
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new CityProfileError(label, null, detail);
}

async function bundledNames(citiesDir: string): Promise<string[]> {
  const entries = await readdir(citiesDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}
