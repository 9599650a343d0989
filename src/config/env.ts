import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** Environment variables Kestrel reads (only in the composition root). Secrets live only here. */
const envSchema = z.object({
  X_BEARER_TOKEN: z.string().trim().min(1).optional(),
  X_API_BASE_URL: z.url({ message: 'must be a URL like http://127.0.0.1:4010' }).optional(),
  KESTREL_CONFIG: z.string().trim().min(1).default('kestrel.config.yaml'),
  KESTREL_DB: z.string().trim().min(1).optional(),
  KESTREL_DEMO_CORPUS: z.string().trim().min(1).default('data/demo/search-pages.jsonl'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type KestrelEnv = z.infer<typeof envSchema>;

export function parseEnv(env: Record<string, string | undefined>): KestrelEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (i) => `${i.path.join('.')} = ${JSON.stringify(cleaned[String(i.path[0])])}: ${i.message}`,
  );
  throw new ConfigError(
    `Environment has ${lines.length} problem(s):\n${lines.map((l) => `  - ${l}`).join('\n')}`,
  );
}
