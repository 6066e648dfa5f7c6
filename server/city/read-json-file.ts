// Reads one JSON file of a profile folder, turning the two ways it can fail (missing,
// unparsable) into a CityProfileError that names the file.
import { readFile } from 'node:fs/promises';
import { CityProfileError } from './city-profile-error.ts';

/** @param label the file as messages show it; path where it is on disk. */
export async function readJsonFile(path: string, label: string): Promise<unknown> {
  const value = await readOptionalJsonFile(path, label);
  if (value === undefined) throw new CityProfileError(label, null, 'missing file');
  return value;
}

/** Like readJsonFile, but undefined when the file does not exist (for optional files). */
export async function readOptionalJsonFile(path: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new CityProfileError(label, null, `cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CityProfileError(label, null, `not valid JSON: ${describeSyntaxError(text, error)}`);
  }
}

/**
 * V8's message with "at position N" turned into a line and column, and the echo of the
 * whole input (which V8 appends for some errors) dropped: a boundary file is megabytes long.
 */
function describeSyntaxError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/, ".*is not valid JSON$/s, '');
  const match = /^(.*) at position (\d+)/.exec(message);
  if (match === null) return message;
  const before = text.slice(0, Number(match[2])).split('\n');
  return `${match[1] ?? ''} at line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
