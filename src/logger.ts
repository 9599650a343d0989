import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured logs to stderr (stdout belongs to the console chat and to command output), written
 * synchronously: a line logged before a crash or a kill is on stderr, not in a buffer that dies with the
 * process. Kestrel logs a few lines a poll, so the blocking write costs nothing that matters.
 * `level` comes from config/env in the composition root, never read here.
 */
export function createLogger(options: { level?: string; destination?: number } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', base: undefined },
    pino.destination({ dest: options.destination ?? 2, sync: true }),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
