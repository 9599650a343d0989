import type { RespondArguments, RespondFn } from '@slack/bolt';
import { type Lang, t } from '../../src/chat/i18n.js';
import type { Reply } from '../../src/chat/reply.js';
import type { Logger } from '../../src/logger.js';
import type { SlackPoster } from './deliver.js';
import { classifySlackError } from './errors.js';
import { type RenderedReply, renderReply } from './render.js';
import { type SlackMessage, splitMessages } from './split.js';

/** Where a slash command came from and how its answer should be shown. */
export interface SlashAnswerTarget {
  respond: RespondFn;
  /** The asker ended with `public`: everyone in the channel sees the answer. */
  public: boolean;
  channel: string;
  user: string;
  lang: Lang;
}

const asRespond = (message: SlackMessage, type: 'in_channel' | 'ephemeral'): RespondArguments => ({
  response_type: type,
  text: message.text,
  blocks: message.blocks,
});

/**
 * Answers a slash command. A one-message answer without charts goes through `respond()` (the
 * response_url): ephemeral for the asker, or in the channel with `public`. A longer answer cannot be
 * threaded through a response_url, so it is posted with `chat.postMessage` (continuations in the thread,
 * charts as files): into the channel with `public`, else into the asker's DM with Kestrel, with a short
 * ephemeral note saying so. If the channel refuses the bot (not invited), the answer goes to the DM too.
 */
export async function answerSlashCommand(
  reply: Reply,
  target: SlashAnswerTarget,
  deps: { poster: SlackPoster; logger: Logger; render?: (reply: Reply) => RenderedReply },
): Promise<void> {
  const rendered = (deps.render ?? renderReply)(reply);
  const messages = splitMessages(rendered);
  const [first] = messages;
  if (first && messages.length === 1 && rendered.charts.length === 0 && rendered.files.length === 0) {
    await target.respond(asRespond(first, target.public ? 'in_channel' : 'ephemeral'));
    return;
  }
  const note = (en: string, ru: string) =>
    target.respond({ response_type: 'ephemeral', text: t(target.lang, { en, ru }) });
  try {
    if (target.public) {
      try {
        await deps.poster.post({ channel: target.channel }, rendered);
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind !== 'permanent') throw error;
        deps.logger.info(
          { channel: target.channel, reason: failure.reason },
          'cannot post in channel; using DM',
        );
      }
    }
    const dm = await deps.poster.openDm(target.user);
    await deps.poster.post({ channel: dm }, rendered);
    if (dm !== target.channel) {
      const why =
        rendered.files.length > 0
          ? ['has a file', 'с файлом']
          : rendered.charts.length > 0
            ? ['has a chart', 'с графиком']
            : ['is long', 'длинный'];
      await note(
        `The answer ${why[0]}, which Slack cannot show to you alone here, so it is in your DM with Kestrel. Add "public" to post it in the channel.`,
        `Ответ ${why[1]}, такой Slack не покажет здесь только вам, поэтому он в личных сообщениях от Kestrel. Добавьте «public», чтобы ответить в канал.`,
      );
    }
  } catch (error) {
    const failure = classifySlackError(error);
    deps.logger.warn({ err: error, channel: target.channel }, 'slash command answer failed');
    const wait = failure.kind === 'rate-limited' ? Math.ceil(failure.retryAfterMs / 1000) : 30;
    await note(
      `Slack did not accept the answer (${failure.kind === 'permanent' ? failure.reason : 'busy'}). Please try again in ${wait} s.`,
      `Slack не принял ответ (${failure.kind === 'permanent' ? failure.reason : 'занят'}). Попробуйте через ${wait} с.`,
    );
  }
}
