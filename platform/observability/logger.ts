import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Callers log ids, names, states and counts, never payload values or secrets; the
 * redaction below is a safety net for the field names that would carry them.
 */
export function createLogger(level: string, component: string): Logger {
  return pino({
    level,
    base: { component },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['payload', 'variables', 'password', '*.password', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}
