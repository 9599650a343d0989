import type { AdapterServices } from '../../src/chat/adapter.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';

/**
 * How Kestrel connects to one Slack workspace. The composition root fills it from the config file and the
 * environment (`SLACK_BOT_TOKEN`, `SLACK_SIGNING_SECRET`, `SLACK_APP_TOKEN`); nothing here reads env.
 */
export interface SlackAdapterConfig {
  /**
   * `http`: Slack posts slash commands and events to this process (public HTTPS URL, request signing).
   * `socket`: Socket Mode, a WebSocket from this process to Slack (no public URL; needs an app-level token).
   */
  mode: 'http' | 'socket';
  /** Bot token, `xoxb-…` (SLACK_BOT_TOKEN). */
  botToken: string;
  /** Signing secret of the app (SLACK_SIGNING_SECRET); required in http mode. */
  signingSecret?: string;
  /** App-level token with `connections:write`, `xapp-…` (SLACK_APP_TOKEN); required in socket mode. */
  appToken?: string;
  /** http mode: port to listen on (default 3000; 0 picks a free one). */
  port?: number;
  /** http mode: interface to listen on (default: all). */
  host?: string;
  /** http mode: path of the Request URL for commands and events (default `/slack/events`). */
  path?: string;
  /** Slack user ids allowed to change watches and schedules in channels, besides workspace admins/owners. */
  admins?: string[];
  /** The one slash command that carries all others (`/kestrel mentions yandex`); default `kestrel`. */
  umbrellaCommand?: string;
  /** Web API base URL (default `https://slack.com/api/`); tests point it at a fake. */
  apiUrl?: string;
  /** Retries of a Web API call after a network error or 5xx (default 2; 429s are never retried here). */
  retries?: number;
  /** Timeout of one Web API request in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** How long `users.info` answers (admin role, locale) are trusted, in ms (default 5 minutes). */
  peopleTtlMs?: number;
}

/** What the adapter is given by the composition root: the same services as every adapter, a clock, a logger. */
export interface SlackAdapterDeps extends AdapterServices {
  logger: Logger;
  /** Epoch ms: the injected clock (the people cache). */
  now: () => number;
}

/** Checks that the chosen mode has its credentials; names the missing setting and how to fix it. */
export function checkSlackConfig(config: SlackAdapterConfig): void {
  if (!config.botToken) {
    throw new ConfigError('Slack needs a bot token: set SLACK_BOT_TOKEN (xoxb-…, OAuth & Permissions page)', {
      field: 'botToken',
    });
  }
  if (config.mode === 'http' && !config.signingSecret) {
    throw new ConfigError(
      'Slack in http mode needs the signing secret: set SLACK_SIGNING_SECRET (Basic Information page), or use socket mode',
      { field: 'signingSecret', mode: config.mode },
    );
  }
  if (config.mode === 'socket' && !config.appToken) {
    throw new ConfigError(
      'Slack in socket mode needs an app-level token: set SLACK_APP_TOKEN (xapp-…, with connections:write)',
      { field: 'appToken', mode: config.mode },
    );
  }
}
