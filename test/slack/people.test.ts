import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoltApp } from '../../adapters/slack/bolt-app.js';
import { checkSlackConfig } from '../../adapters/slack/config.js';
import { createSlackPeople } from '../../adapters/slack/people.js';
import { ConfigError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { ADMIN, MEMBER, type SlackHarness, startHarness } from './harness.js';

describe('slack people and configuration', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('caches users.info answers for a while by the injected clock, then asks again', async () => {
    h = await startHarness();
    let now = 0;
    const bolt = createBoltApp(
      {
        mode: 'http',
        botToken: h.slack.token,
        signingSecret: 's',
        apiUrl: h.slack.apiUrl,
        retries: 0,
      },
      { logger: silentLogger() },
    );
    const people = createSlackPeople({
      client: bolt.client,
      admins: ['U0LISTED'],
      now: () => now,
      logger: silentLogger(),
      ttlMs: 60_000,
    });
    const lookups = () => h?.slack.calls.filter((c) => c.method === 'users.info').length;
    const admin = await people.get(ADMIN);
    expect(admin).toMatchObject({ name: 'Anna Admin', locale: 'en-US', workspaceAdmin: true });
    expect(people.isAdmin(admin)).toBe(true);
    expect(h.slack.calls.find((c) => c.method === 'users.info')?.params.include_locale).toBe('true');
    await people.get(ADMIN);
    expect(lookups()).toBe(1);
    now = 61_000;
    await people.get(ADMIN);
    expect(lookups()).toBe(2);
    expect(people.isAdmin(await people.get(MEMBER))).toBe(false);
    expect(people.isAdmin({ id: 'U0LISTED', name: 'x', locale: null, workspaceAdmin: false })).toBe(true);
    // A failed lookup is a plain member with no locale, not an error.
    expect(await people.get('U0GHOST', 'ghost')).toEqual({
      id: 'U0GHOST',
      name: 'ghost',
      locale: null,
      workspaceAdmin: false,
    });
  });

  it('names the missing credential of the chosen mode', () => {
    expect(() => checkSlackConfig({ mode: 'http', botToken: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => checkSlackConfig({ mode: 'socket', botToken: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => checkSlackConfig({ mode: 'http', botToken: '', signingSecret: 's' })).toThrow(ConfigError);
  });

  it('builds a Socket Mode app (not connected) when configured so', () => {
    const bolt = createBoltApp(
      { mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1' },
      { logger: silentLogger() },
    );
    expect(bolt.app).toBeInstanceOf(App);
    expect(bolt.port()).toBeNull();
  });
});
