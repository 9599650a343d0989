/**
 * One error hierarchy for Kestrel. Every error carries a stable `code` that logs, tests and
 * command replies can rely on; rate-limit errors carry how long to wait.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_MALFORMED'
  | 'UPSTREAM_REJECTED'
  | 'SINCE_ID_TOO_OLD'
  | 'BUDGET_EXHAUSTED'
  | 'INPUT_INVALID'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'TARGET_GONE'
  | 'STORE_FAILED'
  | 'CLASSIFY_FAILED'
  | 'TEACH_FAILED'
  | 'ALREADY_RUNNING'
  | 'CANCELLED';

export class KestrelError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KestrelError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** The remote side asked us to slow down. `retryAfterMs` is how long to wait before the next call. */
export class RateLimitError extends KestrelError {
  readonly retryAfterMs: number;

  constructor(
    message: string,
    retryAfterMs: number,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super('RATE_LIMITED', message, options);
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** A configuration problem, naming the field, the value found and how to fix it. */
export class ConfigError extends KestrelError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFIG_INVALID', message, { details });
    this.name = 'ConfigError';
  }
}

export function isKestrelError(error: unknown, code?: ErrorCode): error is KestrelError {
  return error instanceof KestrelError && (code === undefined || error.code === code);
}
