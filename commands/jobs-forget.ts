import type { CommandContext } from '../src/chat/context.js';
import { countOf, t } from '../src/chat/i18n.js';
import { type Reply, textReply } from '../src/chat/reply.js';
import { isEmptyRecord, type PersonEraser, type PersonRecord } from '../src/store/person-eraser.js';
import { invalid } from './args/ids.js';

/** How long a `/jobs forget` waits for its `/jobs forget yes`. */
export const FORGET_CONFIRM_MS = 10 * 60_000;

const YES = /^(?:yes|да|confirm|подтверждаю)$/iu;
const TITLE = '/jobs forget';

/**
 * `/jobs forget`: says what Kestrel keeps about the person and asks for `/jobs forget yes` (or `да`) within
 * ten minutes; then deletes it all. A confirmation is asked for each time, so a `/jobs forget yes` typed
 * without having seen the list deletes nothing. Confirmations wait in memory: a restart cancels them.
 */
export function createForgetFlow(deps: { eraser: PersonEraser }) {
  const asked = new Map<string, number>();

  function prune(now: number) {
    for (const [user, until] of asked) if (until <= now) asked.delete(user);
  }

  return (ctx: CommandContext, rest: string): Reply => {
    prune(ctx.now);
    if (rest && !YES.test(rest)) {
      invalid(ctx, {
        en: `/jobs forget takes nothing, or "yes" to confirm, not "${rest}".`,
        ru: `/jobs forget пишется без аргументов или с «да» для подтверждения, не «${rest}».`,
      });
    }
    const record = deps.eraser.find(ctx.user.id, ctx.chat.id);
    if (!rest) {
      if (isEmptyRecord(record)) {
        asked.delete(ctx.user.id);
        return textReply(
          TITLE,
          t(ctx.lang, {
            en: 'Kestrel keeps nothing about you: no alerts, no settings, no messages.',
            ru: 'Kestrel ничего о вас не хранит: ни подписок, ни настроек, ни сообщений.',
          }),
        );
      }
      asked.set(ctx.user.id, ctx.now + FORGET_CONFIRM_MS);
      return {
        title: t(ctx.lang, {
          en: 'Delete what Kestrel keeps about you?',
          ru: 'Удалить всё, что Kestrel хранит о вас?',
        }),
        blocks: [{ type: 'items', items: describe(record, ctx).map((text) => ({ text })) }],
        footer: t(ctx.lang, {
          en: 'This cannot be undone. To delete it, send /jobs forget yes within 10 minutes.',
          ru: 'Это нельзя отменить. Чтобы удалить, отправьте /jobs forget да в течение 10 минут.',
        }),
      };
    }
    if (!asked.has(ctx.user.id)) {
      invalid(ctx, {
        en: 'First send /jobs forget to see what will be deleted, then confirm.',
        ru: 'Сначала отправьте /jobs forget, чтобы увидеть, что будет удалено, затем подтвердите.',
      });
    }
    asked.delete(ctx.user.id);
    const gone = deps.eraser.forget(ctx.user.id, ctx.now, ctx.chat.id);
    return textReply(
      TITLE,
      t(ctx.lang, {
        en: `Deleted: ${describe(gone, ctx).join('; ')}.\nKestrel keeps nothing more about you. /jobs add or /start registers you again.`,
        ru: `Удалено: ${describe(gone, ctx).join('; ')}.\nБольше Kestrel ничего о вас не хранит. /jobs add или /start зарегистрирует вас снова.`,
      }),
    );
  };
}

/** The parts of a record, one line each, in the chat's language. */
function describe(record: PersonRecord, ctx: Pick<CommandContext, 'lang'>): string[] {
  const { lang } = ctx;
  const lines: string[] = [];
  if (record.jobAlerts > 0)
    lines.push(
      countOf(lang, record.jobAlerts, ['job alert', 'job alerts'], ['подписка', 'подписки', 'подписок']),
    );
  if (record.removedJobAlerts > 0)
    lines.push(
      t(lang, { en: 'alerts you removed earlier', ru: 'ранее удалённые подписки' }) +
        ` (${record.removedJobAlerts})`,
    );
  if (record.subscriber)
    lines.push(
      t(lang, {
        en: 'your alert settings (pause, timezone, quiet hours)',
        ru: 'ваши настройки подписок (пауза, часовой пояс, тихие часы)',
      }),
    );
  if (record.alertDeliveries > 0)
    lines.push(
      t(lang, { en: 'the list of vacancies sent to you', ru: 'список присланных вам вакансий' }) +
        ` (${record.alertDeliveries})`,
    );
  if (record.privateChats.length > 0)
    lines.push(
      t(lang, {
        en: 'this chat’s settings (your name, language, timezone, digest time)',
        ru: 'настройки этого чата (ваше имя, язык, часовой пояс, время дайджеста)',
      }),
    );
  if (record.messages > 0)
    lines.push(
      countOf(
        lang,
        record.messages,
        ['stored message', 'stored messages'],
        ['сохранённое сообщение', 'сохранённых сообщения', 'сохранённых сообщений'],
      ),
    );
  if (record.digestRuns > 0)
    lines.push(
      countOf(
        lang,
        record.digestRuns,
        ['digest record', 'digest records'],
        ['запись о дайджесте', 'записи о дайджестах', 'записей о дайджестах'],
      ),
    );
  if (record.watches > 0)
    lines.push(
      countOf(
        lang,
        record.watches,
        ['watch of this chat (stopped)', 'watches of this chat (stopped)'],
        [
          'наблюдение этого чата (остановится)',
          'наблюдения этого чата (остановятся)',
          'наблюдений этого чата (остановятся)',
        ],
      ),
    );
  if (record.votes > 0)
    lines.push(
      countOf(
        lang,
        record.votes,
        [
          'feedback vote on items (decided again without it)',
          'feedback votes on items (decided again without them)',
        ],
        [
          'голос за прочтение записи (решение пересмотрят без него)',
          'голоса за прочтение записей (решения пересмотрят без них)',
          'голосов за прочтение записей (решения пересмотрят без них)',
        ],
      ),
    );
  if (lines.length === 0) lines.push(t(lang, { en: 'nothing', ru: 'ничего' }));
  return lines;
}
