// A city profile folder that cannot be used. Startup stops on it, so the message must let
// whoever edits the folder find the spot: "<file>: <field>: <what is wrong>".
import type { z } from 'zod';

export class CityProfileError extends Error {
  override readonly name = 'CityProfileError';
  readonly code = 'CITY_PROFILE_INVALID';
  /** The file as the caller named it, e.g. "cities/kota-tangerang/profile.json". */
  readonly file: string;
  /** Dotted path inside the file ("map.center", "features.3.properties.code"), or null for the whole file. */
  readonly field: string | null;

  constructor(file: string, field: string | null, detail: string) {
    super(field === null ? `${file}: ${detail}` : `${file}: ${field}: ${detail}`);
    this.file = file;
    this.field = field;
  }
}

/** The error for the first issue zod found; one precise message beats a wall of them. */
export function fromZodError(file: string, error: z.ZodError): CityProfileError {
  const issue = error.issues[0];
  if (issue === undefined) return new CityProfileError(file, null, 'invalid');
  const field = issue.path.length === 0 ? null : issue.path.map(String).join('.');
  return new CityProfileError(file, field, issue.message);
}
