import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import type { SlackLimits } from './limits.js';
import type { RenderedReply } from './render.js';
import { splitMessages } from './split.js';

/** Where a reply goes: a conversation, and the thread to answer in, if any. */
export interface SlackDestination {
  channel: string;
  /** Post everything as replies in this thread (a mention is answered in its thread). */
  threadTs?: string;
}

/** Posts rendered replies through the Web API. */
export interface SlackPoster {
  /**
   * Posts the messages of a reply: the first in the channel (or the given thread), the rest as replies in
   * its thread, then the charts as files into that thread (or the channel when the reply is one message).
   * Resolves with the messages' `ts` and the uploaded files' ids; throws the WebClient's error.
   */
  post(to: SlackDestination, rendered: RenderedReply): Promise<string[]>;
  /** The DM conversation with a person (`conversations.open`), cached. */
  openDm(userId: string): Promise<string>;
}

export function createSlackPoster(deps: {
  client: webApi.WebClient;
  logger: Logger;
  limits?: SlackLimits;
}): SlackPoster {
  const { client } = deps;
  const dms = new Map<string, string>();

  return {
    async post(to, rendered) {
      const messages = splitMessages(rendered, deps.limits);
      const ids: string[] = [];
      let thread = to.threadTs;
      for (const message of messages) {
        const result = await client.chat.postMessage({
          channel: to.channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(thread ? { thread_ts: thread } : {}),
        });
        const ts = result.ts ?? '';
        ids.push(ts);
        thread ??= ts || undefined;
      }
      const fileThread = to.threadTs ?? (messages.length > 1 ? ids[0] : undefined);
      const uploads = [
        ...rendered.charts.map((c) => ({
          file: Buffer.from(c.png),
          filename: c.filename,
          title: c.title,
          alt_text: c.alt,
        })),
        ...rendered.files.map((f) => ({ file: Buffer.from(f.bytes), filename: f.filename, title: f.title })),
      ];
      for (const file of uploads) {
        const upload = await client.filesUploadV2(
          fileThread
            ? { ...file, channel_id: to.channel, thread_ts: fileThread }
            : { ...file, channel_id: to.channel },
        );
        for (const completion of upload.files) {
          for (const file of completion.files ?? []) if (file.id) ids.push(file.id);
        }
      }
      deps.logger.debug({ channel: to.channel, parts: ids.length }, 'slack reply posted');
      return ids;
    },
    async openDm(userId) {
      const known = dms.get(userId);
      if (known) return known;
      const result = await client.conversations.open({ users: userId });
      const id = result.channel?.id;
      if (!id) throw new Error(`conversations.open gave no channel for ${userId}`);
      dms.set(userId, id);
      return id;
    },
  };
}
