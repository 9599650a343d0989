import type { ChatAdapter, MessageHandler, SendResult } from '../../src/chat/adapter.js';
import type { Reply } from '../../src/chat/reply.js';
import { createBoltApp } from './bolt-app.js';
import type { SlackAdapterConfig, SlackAdapterDeps } from './config.js';
import { createSlackPoster } from './deliver.js';
import { classifySlackError, rethrow } from './errors.js';
import { registerFeedbackActions } from './feedback-actions.js';
import { parseSlackChatId } from './ids.js';
import { registerListeners } from './listeners.js';
import { createSlackPeople } from './people.js';
import { renderReply } from './render.js';

/** The Slack adapter: the ChatAdapter contract plus the port it listens on (http mode, once started). */
export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  /** http mode: the port of the Request URL server once started (useful with port 0), else null. */
  port(): number | null;
}

/**
 * Kestrel on Slack through Bolt. Incoming: slash commands (each command, and `/kestrel <command …>`),
 * mentions of the bot and DMs, all handed to the handler with a context (who, where, language from the
 * Slack locale until `/lang`, admin from `users.info` or the config's admins). Outgoing: `send(chatId,
 * reply)` renders Block Kit, posts the first message to the channel and continues long replies in its
 * thread, uploads charts with files.uploadV2, and opens a DM for `slack:<team>:<user>` targets.
 */
export function createSlackAdapter(config: SlackAdapterConfig, deps: SlackAdapterDeps): SlackAdapter {
  const bolt = createBoltApp(config, { logger: deps.logger });
  const poster = createSlackPoster({ client: bolt.client, logger: deps.logger });
  const people = createSlackPeople({
    client: bolt.client,
    admins: config.admins ?? [],
    now: deps.now,
    logger: deps.logger,
    ...(config.peopleTtlMs !== undefined ? { ttlMs: config.peopleTtlMs } : {}),
  });
  let handler: MessageHandler | null = null;
  let started = false;
  // Feedback buttons go under lists only when the core takes the taps.
  const render = (reply: Reply) => renderReply(reply, { buttons: deps.feedback !== undefined });

  registerListeners(bolt.app, {
    handler: () => handler,
    people,
    poster,
    context: deps.context,
    membership: deps.membership,
    umbrellaCommand: config.umbrellaCommand ?? 'kestrel',
    render,
    logger: deps.logger,
  });
  if (deps.feedback) {
    registerFeedbackActions(bolt.app, {
      taps: deps.feedback,
      people,
      context: deps.context,
      logger: deps.logger,
    });
  }

  return {
    platform: 'slack',
    images: true,
    port: () => bolt.port(),
    async start(h) {
      handler = h;
      if (started) return;
      await bolt.start();
      started = true;
    },
    async stop() {
      handler = null;
      if (!started) return;
      started = false;
      await bolt.stop();
    },
    async send(chatId: string, reply: Reply): Promise<SendResult> {
      const target = parseSlackChatId(chatId);
      try {
        const channel = target.isUser ? await poster.openDm(target.id) : target.id;
        const ids = await poster.post({ channel }, render(reply));
        return { ok: true, ids };
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind === 'permanent') return { ok: false, permanent: true, reason: failure.reason };
        return rethrow(failure);
      }
    },
  };
}
