import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** Environment variables Kestrel reads (only in the composition root). Secrets live only here. */
const envSchema = z.object({
  X_BEARER_TOKEN: z.string().trim().min(1).optional(),
  X_API_BASE_URL: z.url({ message: 'must be a URL like http://127.0.0.1:4010' }).optional(),
  KESTREL_CONFIG: z.string().trim().min(1).default('kestrel.config.yaml'),
  KESTREL_DB: z.string().trim().min(1).optional(),
  KESTREL_DEMO_CORPUS: z.string().trim().min(1).default('data/demo/search-pages.jsonl'),
  TELEGRAM_BOT_TOKEN: z.string().trim().min(1).optional(),
  /** Bot API root (default https://api.telegram.org): a local Bot API server, or a test's fake. */
  TELEGRAM_API_ROOT: z.url({ message: 'must be a URL like http://127.0.0.1:8081' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  SLACK_BOT_TOKEN: z.string().trim().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
  SLACK_APP_TOKEN: z.string().trim().min(1).optional(),
  /** Slack Web API base (default https://slack.com/api/): a proxy, or a test's fake. */
  SLACK_API_URL: z.url({ message: 'must be a URL like http://127.0.0.1:8082/api/' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type KestrelEnv = z.infer<typeof envSchema>;

/** Variables whose values are never shown, also not in an error about them. */
const SECRETS: ReadonlySet<string> = new Set([
  'X_BEARER_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
]);

const shown = (name: string, value: string | undefined): string =>
  SECRETS.has(name) ? `(hidden, ${value?.length ?? 0} characters)` : JSON.stringify(value);

export function parseEnv(env: Record<string, string | undefined>): KestrelEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = String(i.path[0]);
    return `${i.path.join('.')} = ${shown(name, cleaned[name])}: ${i.message}`;
  });
  throw new ConfigError(
    `Environment has ${lines.length} problem(s):\n${lines.map((l) => `  - ${l}`).join('\n')}`,
  );
}
