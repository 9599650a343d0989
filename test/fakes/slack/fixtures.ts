import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The recorded Slack payloads shared by the team (`../shared/fixtures/slack`, next to the repository). They
 * are read in place, never copied; tests that need them skip with this message when they are absent.
 */
export const SLACK_FIXTURES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/slack',
);

export const fixturesPresent = existsSync(join(SLACK_FIXTURES, 'request_signing_example.json'));

export const MISSING_FIXTURES = `Slack fixtures not found at ${SLACK_FIXTURES} (../shared/fixtures/slack); skipping`;

export function fixtureText(path: string): string {
  return readFileSync(join(SLACK_FIXTURES, path), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** The recorded 429 (status, headers with `retry-after`, body), or a stand-in of the same shape. */
export function rateLimitedFixture(): { status: number; headers: Record<string, string>; body: string } {
  if (fixturesPresent) return fixtureJson('web_api_429_ratelimited.json');
  return {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
    body: '{"ok":false,"error":"ratelimited"}',
  };
}
