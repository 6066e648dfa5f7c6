// The ingest answer (design.md "HTTP API, v1"): validation failures are data, not throws.
import { z } from 'zod';

export const FieldError = z.object({
  /** Dotted path of the offending field, e.g. "location.lat"; "" for the item as a whole. */
  field: z.string(),
  /** The rule it broke, e.g. "required", "too_big", "invalid_value", "invalid_json". */
  rule: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Rejected = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  /** For line-based adapters: the 1-based line number in the body. */
  line: z.number().int().optional(),
  errors: z.array(FieldError),
});
export type Rejected = z.infer<typeof Rejected>;

export const IngestAnswer = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(Rejected),
  /** Asterisk adapter only: queue names with no line in the city profile. */
  unmappedQueues: z.array(z.string()).optional(),
});
export type IngestAnswer = z.infer<typeof IngestAnswer>;

/** Errors that concern a whole request (413, 401, 503...). */
export const ErrorAnswer = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** The Asterisk queue_log adapter's answer: the ingest answer and what the lines held besides events. */
export const AsteriskAnswer = IngestAnswer.extend({
  unmappedQueues: z.array(z.string()),
  /** Lines skipped because their queue has no line in the city profile. */
  unmappedLines: z.number().int(),
  /** Lines of verbs that carry no event. */
  ignored: z.number().int(),
  /** RINGNOANSWER lines per agent. */
  ringNoAnswer: z.record(z.string(), z.number().int()),
});
export type AsteriskAnswer = z.infer<typeof AsteriskAnswer>;
