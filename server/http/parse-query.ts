// A route's query through its zod schema: the parsed value, or a 400 naming the field.
import type { Response } from 'express';
import type { z } from 'zod';
import { sendError } from './errors.ts';

export type Parsed<T> = { ok: true; data: T } | { ok: false };

export function parseQuery<T>(schema: z.ZodType<T>, query: unknown, res: Response): Parsed<T> {
  const q = schema.safeParse(query);
  if (q.success) return { ok: true, data: q.data };
  const issue = q.error.issues[0];
  sendError(res, 400, 'invalid_query', issue?.message ?? 'invalid query', issue?.path.join('.') || undefined);
  return { ok: false };
}
