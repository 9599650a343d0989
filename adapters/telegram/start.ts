import type { ChatMembership } from '../../src/chat/adapter.js';
import type { CommandContext } from '../../src/chat/context.js';
import { t } from '../../src/chat/i18n.js';
import type { Reply } from '../../src/chat/reply.js';
import type { SubscriberRef } from '../../src/store/subscription-store.js';

/** What `/start` needs of the job-alert subscriptions. `SubscriptionStore` fits as it is. */
export interface StartSubscriptions {
  /** The person's live job alerts (only how many is used). */
  list(userId: string): readonly unknown[];
  /**
   * Records the person's private chat as where their alerts go, without adding an alert. Optional:
   * until the store has it, the first `/jobs add` in this chat registers the person.
   */
  register?(person: SubscriberRef, now: number): void;
}

/**
 * `/start` in a private chat: the chat is recorded as active (also after the person unblocked the bot),
 * the person is registered for job alerts, and gets a welcome that explains `/jobs` — or, when they
 * already have alerts, how to see them.
 */
export function handleStart(
  ctx: CommandContext,
  deps: { subscriptions: StartSubscriptions; membership: Pick<ChatMembership, 'joined'> },
): Reply {
  deps.membership.joined({ id: ctx.chat.id, kind: 'private', title: ctx.chat.title ?? ctx.user.name });
  deps.subscriptions.register?.(
    { userId: ctx.user.id, chatId: ctx.chat.id, timezone: ctx.timezone },
    ctx.now,
  );
  const alerts = deps.subscriptions.list(ctx.user.id).length;
  const title = t(ctx.lang, { en: 'Hello! I am Kestrel', ru: 'Привет! Я Kestrel' });
  if (alerts > 0) {
    return {
      title,
      blocks: [
        {
          type: 'text',
          text: t(ctx.lang, {
            en: `Welcome back. You have ${alerts} job alert(s); matching vacancies come to this chat.\nSee them: /jobs list`,
            ru: `С возвращением. Подписок на вакансии: ${alerts}; подходящие вакансии приходят в этот чат.\nСписок: /jobs list`,
          }),
        },
      ],
      footer: t(ctx.lang, { en: 'All commands: /help', ru: 'Все команды: /help' }),
    };
  }
  return {
    title,
    blocks: [
      {
        type: 'text',
        text: t(ctx.lang, {
          en: 'I watch X for vacancies, discussions and brand mentions. I can send you new vacancies here as they appear.',
          ru: 'Я слежу за X: вакансии, обсуждения, упоминания брендов. Могу присылать сюда новые вакансии, как только они появятся.',
        }),
      },
      {
        type: 'text',
        heading: t(ctx.lang, { en: 'Job alerts', ru: 'Подписка на вакансии' }),
        text: t(ctx.lang, {
          en: '/jobs add golang remote salary>=200k RUB — get vacancies that match\n/jobs list — your alerts\n/jobs pause, /jobs resume — stop and restart them',
          ru: '/jobs add golang удалёнка salary>=200k RUB — присылать подходящие вакансии\n/jobs list — ваши подписки\n/jobs pause, /jobs resume — приостановить и возобновить',
        }),
      },
    ],
    footer: t(ctx.lang, { en: 'All commands: /help', ru: 'Все команды: /help' }),
  };
}
