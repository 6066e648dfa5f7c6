// Root pino logger; modules take a child with { mod }. Redaction is a second line of
// defence: caller numbers and credentials must not be logged in the first place.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'pantau' },
    redact: {
      paths: ['*.authorization', '*.token', '*.key', 'caller', '*.caller', '*.callerNumber', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
