import type { AddressInfo } from 'node:net';
import {
  App,
  type Logger as BoltLogger,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { checkSlackConfig, type SlackAdapterConfig } from './config.js';

/** A Bolt app and its receiver, started and stopped as one. */
export interface BoltHandle {
  app: App;
  /** The WebClient: bot token, our API URL, 429s rejected at once, a few retries for network errors. */
  client: webApi.WebClient;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** http mode: the port listened on once started (useful with port 0). */
  port(): number | null;
}

/**
 * The WebClient's options. `rejectRateLimitedCalls: true`: a 429 is thrown at once (with Retry-After) so
 * the delivery engine's pacing decides when to try again; the WebClient's default would wait and retry up
 * to ten times over half an hour, holding the send. Network errors and 5xx get a few quick retries.
 */
export function webClientOptions(config: SlackAdapterConfig, logger: BoltLogger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl ?? 'https://slack.com/api/',
    rejectRateLimitedCalls: true,
    retryConfig: { retries: config.retries ?? 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    timeout: config.requestTimeoutMs ?? 30_000,
    logger,
  };
}

/**
 * Builds the Bolt app for the configured mode: http (Bolt's own HTTPReceiver: request signing checked,
 * stale requests refused, acknowledgement sent as soon as a listener calls `ack()`) or Socket Mode.
 * Initialisation (`auth.test`) is deferred to start(), so a bad token fails there, not in a constructor.
 */
export function createBoltApp(config: SlackAdapterConfig, deps: { logger: Logger }): BoltHandle {
  checkSlackConfig(config);
  const logger = boltLogger(deps.logger);
  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken as string, logger })
      : new HTTPReceiver({
          signingSecret: config.signingSecret as string,
          endpoints: config.path ?? '/slack/events',
          processBeforeResponse: false,
          logger,
        });
  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    clientOptions: webClientOptions(config, logger),
    deferInitialization: true,
    ...(config.mode === 'socket' ? { socketMode: true, appToken: config.appToken } : {}),
  });
  let server: { address(): AddressInfo | string | null } | null = null;

  return {
    app,
    client: app.client,
    async start() {
      await app.init();
      if (config.mode === 'socket') {
        await app.start();
        return;
      }
      const listen = { port: config.port ?? 3000, ...(config.host ? { host: config.host } : {}) };
      server = (await app.start(listen)) as typeof server;
    },
    async stop() {
      await app.stop();
      server = null;
    },
    port() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : null;
    },
  };
}

/** Bolt's logger interface over Kestrel's pino logger. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ module: 'slack' });
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m)))
      .join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
