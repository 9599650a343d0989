import type { App } from '@slack/bolt';
import type { ChatMembership, MessageHandler } from '../../src/chat/adapter.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { MessageOrigin } from '../../src/chat/context-builder.js';
import type { Reply } from '../../src/chat/reply.js';
import type { Logger } from '../../src/logger.js';
import { answerSlashCommand } from './command-reply.js';
import type { SlackPoster } from './deliver.js';
import { chatKindOf, slackChatId } from './ids.js';
import { messageCommandText, slashCommandText } from './incoming.js';
import { originOf, type SlackSource } from './origin.js';
import type { SlackPeople } from './people.js';
import type { RenderedReply } from './render.js';

/** What the listeners need: the current handler, people, the poster, and the context function. */
export interface ListenerDeps {
  handler: () => MessageHandler | null;
  people: SlackPeople;
  poster: SlackPoster;
  context: (origin: MessageOrigin) => CommandContext;
  membership: Pick<ChatMembership, 'joined' | 'gone'>;
  umbrellaCommand: string;
  /** Renders a reply to Block Kit (with feedback buttons when the core takes the taps). */
  render: (reply: Reply) => RenderedReply;
  logger: Logger;
}

/**
 * Wires Slack's inputs to the handler: every slash command (`/mentions …` and the umbrella `/kestrel …`),
 * mentions of the bot (`app_mention`) and direct messages (`message.im`). Slash commands are acknowledged
 * at once (Slack wants an answer within 3 seconds) and answered afterwards through respond() or posts.
 * The bot's own `member_joined_channel` / `member_left_channel` go to the membership service: a channel
 * the bot is invited to again is active again.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  // Slack sends an event again when its acknowledgement was late (X-Slack-Retry-Num); the first delivery is
  // still being answered, so the retry is dropped instead of answered twice. A restarted Kestrel has forgotten
  // the ids and answers the retry: nothing is lost.
  const seenEvents = new Set<string>();
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (seenEvents.has(eventId)) {
        deps.logger.info({ eventId }, 'a Slack event delivered again was dropped');
        return;
      }
      if (seenEvents.size >= SEEN_EVENTS_MAX) seenEvents.delete(seenEvents.values().next().value as string);
      seenEvents.add(eventId);
    }
    await next();
  });

  const run = async (text: string, source: SlackSource) => {
    const handler = deps.handler();
    if (!handler) return null;
    const context = deps.context(await originOf(source, deps.people));
    return { reply: await handler({ text, context }), context };
  };

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    await ack();
    const parsed = slashCommandText(command.command, command.text, deps.umbrellaCommand);
    try {
      const result = await run(parsed.text, {
        team: command.team_id,
        channel: command.channel_id,
        channelName: command.channel_name,
        user: command.user_id,
        userName: command.user_name,
      });
      if (!result?.reply) return;
      await answerSlashCommand(
        result.reply,
        {
          respond,
          public: parsed.public,
          channel: command.channel_id,
          user: command.user_id,
          lang: result.context.lang,
        },
        deps,
      );
    } catch (error) {
      deps.logger.error({ err: error, command: command.command }, 'slash command failed');
    }
  });

  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    deps.membership.joined({
      id: slackChatId(event.team, event.channel),
      kind: chatKindOf(event.channel, channelTypeOf(event.channel_type)),
    });
  });

  app.event('member_left_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    deps.membership.gone(
      {
        id: slackChatId(event.team, event.channel),
        kind: chatKindOf(event.channel, channelTypeOf(event.channel_type)),
      },
      'the bot was removed from the channel',
    );
  });

  app.event('app_mention', async ({ event, body, context }) => {
    if (!event.user) return;
    const text = messageCommandText(event.text, botIds(body, context.botUserId));
    await answerInConversation(text, {
      source: { team: body.team_id ?? event.team ?? '', channel: event.channel, user: event.user },
      threadTs: event.thread_ts ?? event.ts,
    });
  });

  app.message(async ({ message, body, context }) => {
    if (message.subtype !== undefined || message.channel_type !== 'im') return;
    if (message.bot_id || !message.user || !message.text) return;
    const team = (body as { team_id?: string }).team_id ?? message.team ?? '';
    await answerInConversation(messageCommandText(message.text, botIds(body, context.botUserId)), {
      source: { team, channel: message.channel, channelType: 'im', user: message.user },
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
    });
  });

  async function answerInConversation(text: string, where: { source: SlackSource; threadTs?: string }) {
    try {
      const result = await run(text, where.source);
      if (!result?.reply) return;
      await deps.poster.post(
        { channel: where.source.channel, ...(where.threadTs ? { threadTs: where.threadTs } : {}) },
        deps.render(result.reply),
      );
    } catch (error) {
      deps.logger.error({ err: error, channel: where.source.channel }, 'answering a Slack message failed');
    }
  }
}

/** Event ids remembered for dropping Slack's redeliveries (it retries within minutes, at most three times). */
const SEEN_EVENTS_MAX = 10_000;

/** member_* events spell channel types as letters: C public, G private. */
function channelTypeOf(type: string): string | undefined {
  if (type === 'C') return 'channel';
  if (type === 'G') return 'group';
  return type || undefined;
}

/** The bot's user ids: from auth.test (Bolt's context) and from the envelope's bot authorizations. */
function botIds(body: unknown, fromContext: string | undefined): string[] {
  const authorizations =
    (body as { authorizations?: { user_id?: string; is_bot?: boolean }[] }).authorizations ?? [];
  const ids = authorizations.filter((a) => a.is_bot && a.user_id).map((a) => a.user_id as string);
  return fromContext ? [fromContext, ...ids] : ids;
}
