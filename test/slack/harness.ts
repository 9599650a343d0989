import type { SlackAdapterConfig } from '../../adapters/slack/config.js';
import { plainContext } from '../../adapters/slack/origin.js';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/slack-adapter.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import { createChatMembership } from '../../src/chat/membership.js';
import type { FeedbackTaps } from '../../src/feedback/taps.js';
import { type Logger, silentLogger } from '../../src/logger.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createMembershipStore } from '../../src/store/membership-store.js';
import { type FakeMessage, type FakeSlack, startFakeSlack } from '../fakes/slack/server.js';
import { postSigned } from './signing.js';

export const SECRET = 'test-signing-secret-0123456789ab';
export const CHANNEL = 'C0GENERAL';
export const ADMIN = 'U0ADMIN01';
export const MEMBER = 'U0MEMBER1';
export const RUSSIAN = 'U0RUSSIAN';

/** A started Slack adapter (real Bolt, HTTP receiver on 127.0.0.1) talking to a fake Slack. */
export interface SlackHarness {
  slack: FakeSlack;
  adapter: SlackAdapter;
  /** The store the membership service writes (in memory unless a database was given). */
  db: Db;
  chats: ReturnType<typeof createChatStore>;
  /** Bolt's Request URL. */
  url: string;
  /** The form body Slack sends for a slash command (fields as recorded), with the response_url at the fake. */
  slashBody(command: string, text: string, options?: SlashOptions): { body: string; responseId: string };
  /** Posts a signed slash command as Slack does (form-encoded), with the response_url at the fake. */
  slash(
    command: string,
    text: string,
    options?: SlashOptions,
  ): Promise<{ status: number; responseId: string }>;
  /** Posts a signed Events API envelope (`event_callback`) with the given event. */
  /** Delivers an event envelope (`eventId` to deliver one again, as Slack's retries do). */
  event(event: Record<string, unknown>, eventId?: string): Promise<{ status: number }>;
  /** Posts a signed `block_actions` request: a person used an element of a bot message. */
  action(
    message: FakeMessage,
    user: string,
    action: { block_id: string; action_id: string; value?: string; selected?: string },
  ): Promise<{ status: number; responseId: string }>;
  close(): Promise<void>;
}

export interface SlashOptions {
  user?: string;
  channel?: string;
  channelName?: string;
}

let counter = 0;

export async function startHarness(
  options: {
    config?: Partial<SlackAdapterConfig>;
    context?: (origin: MessageOrigin) => CommandContext;
    now?: () => number;
    db?: Db;
    /** Told when the membership service put messages back to pending (a dispatcher's rescan). */
    onPending?: () => void;
    /** Where the adapter logs (default: nowhere). */
    logger?: Logger;
    /** Feedback taps (buttons under lists); without it the adapter shows none. */
    feedback?: FeedbackTaps;
  } = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  const now = options.now ?? (() => Date.now());
  const db = options.db ?? openDatabase(':memory:');
  slack.addChannel(CHANNEL);
  slack.addUser({ id: ADMIN, name: 'anna', realName: 'Anna Admin', isAdmin: true, locale: 'en-US' });
  slack.addUser({ id: MEMBER, name: 'max', realName: 'Max Member', locale: 'en-GB' });
  slack.addUser({ id: RUSSIAN, name: 'oleg', realName: 'Олег', locale: 'ru-RU' });
  const adapter = createSlackAdapter(
    {
      mode: 'http',
      botToken: slack.token,
      signingSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: slack.apiUrl,
      retries: 0,
      ...options.config,
    },
    {
      logger: options.logger ?? silentLogger(),
      now,
      context: options.context ?? ((origin) => plainContext(origin, 'Europe/Moscow', now())),
      membership: createChatMembership({
        store: createMembershipStore(db),
        now,
        logger: silentLogger(),
        ...(options.onPending ? { onPending: options.onPending } : {}),
      }),
      ...(options.feedback ? { feedback: options.feedback } : {}),
    },
  );
  const url = () => `http://127.0.0.1:${adapter.port()}/slack/events`;
  const harness: SlackHarness = {
    slack,
    adapter,
    db,
    chats: createChatStore(db),
    get url() {
      return url();
    },
    slashBody(command, text, o = {}) {
      const responseId = `r${++counter}`;
      const body = new URLSearchParams({
        token: 'verification_token',
        team_id: slack.team,
        team_domain: 'kestrel-test',
        channel_id: o.channel ?? CHANNEL,
        channel_name: o.channelName ?? 'general',
        user_id: o.user ?? MEMBER,
        user_name: 'someone',
        command,
        text,
        api_app_id: 'A0KESTREL',
        is_enterprise_install: 'false',
        response_url: slack.responseUrl(responseId),
        trigger_id: '111.222.abc',
      }).toString();
      return { body, responseId };
    },
    async slash(command, text, o = {}) {
      const { body, responseId } = harness.slashBody(command, text, o);
      const answer = await postSigned(url(), body, {
        secret: SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
      return { status: answer.status, responseId };
    },
    async event(event, eventId) {
      if (typeof event.channel === 'string' && typeof event.ts === 'string') {
        slack.recordUserMessage(event.channel, event.ts, String(event.text ?? ''));
      }
      const envelope = {
        token: 'verification_token',
        team_id: slack.team,
        api_app_id: 'A0KESTREL',
        event: { event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: eventId ?? `Ev${++counter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: slack.team, user_id: slack.botUserId, is_bot: true }],
      };
      const answer = await postSigned(url(), JSON.stringify(envelope), {
        secret: SECRET,
        contentType: 'application/json',
      });
      return { status: answer.status };
    },
    async action(message, user, action) {
      const { body, responseId } = slack.blockActions(message, user, action);
      const answer = await postSigned(url(), body, {
        secret: SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
      return { status: answer.status, responseId };
    },
    async close() {
      await adapter.stop();
      await slack.close();
      if (!options.db) db.close();
    },
  };
  return harness;
}
