import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured logs to stderr (stdout belongs to the console chat and to command output).
 * `level` comes from config/env in the composition root, never read here.
 */
export function createLogger(options: { level?: string; destination?: number } = {}): Logger {
  return pino(
    { level: options.level ?? 'info', base: undefined },
    pino.destination(options.destination ?? 2),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
