import { countOf, type Lang, t } from '../chat/i18n.js';
import type { Reply, ReplyItem } from '../chat/reply.js';
import { authorOf, formatRemote, formatSalary, snippet, tweetLink } from '../digest/format.js';
import type { AlertVacancy } from '../store/alert-queries.js';

/** One vacancy for one person, and which of their alerts (ids) it matched. */
export interface AlertEntry {
  vacancy: AlertVacancy;
  subscriptionIds: readonly number[];
}

const SINGLE_SNIPPET = 600;
const BUNDLE_SNIPPET = 200;

/**
 * The message of a job alert in the person's language: one vacancy (`New vacancy`), or several in one
 * bundle (`7 new vacancies`). Each vacancy shows its author, text, link, salary, remote mode and place,
 * and which of the person's alerts it matched.
 */
export function alertReply(entries: readonly AlertEntry[], lang: Lang): Reply {
  const single = entries.length === 1;
  return {
    title: single
      ? t(lang, { en: 'New vacancy', ru: 'Новая вакансия' })
      : countOf(
          lang,
          entries.length,
          ['new vacancy', 'new vacancies'],
          ['новая вакансия', 'новые вакансии', 'новых вакансий'],
        ),
    blocks: [
      {
        type: 'items',
        items: entries.map((e) => alertItem(e, lang, single ? SINGLE_SNIPPET : BUNDLE_SNIPPET)),
      },
    ],
    footer: t(lang, {
      en: 'Your alerts: /jobs list · pause: /jobs pause · quiet hours: /jobs quiet 23:00-08:00',
      ru: 'Ваши подписки: /jobs list · пауза: /jobs pause · тихие часы: /jobs quiet 23:00-08:00',
    }),
    tone: 'normal',
  };
}

/** A vacancy as a reply item: `@author`, a snippet, the link, salary · remote · place, the alerts it matched. */
export function alertItem(entry: AlertEntry, lang: Lang, maxChars = SINGLE_SNIPPET): ReplyItem {
  const { vacancy } = entry;
  const inline = [
    vacancy.salary ? formatSalary(vacancy.salary, lang) : '',
    formatRemote(vacancy.remote, lang) ?? '',
    vacancy.location ?? '',
  ].filter((x) => x !== '');
  const ids = entry.subscriptionIds.map((id) => `#${id}`).join(', ');
  const many = entry.subscriptionIds.length > 1;
  return {
    ...authorOf(vacancy.username),
    text: snippet(vacancy.text, maxChars),
    link: tweetLink(vacancy),
    feedback: { tweetSeq: vacancy.seq },
    ...(inline.length > 0 ? { metrics: inline } : {}),
    ...(ids
      ? {
          note: t(lang, {
            en: `${many ? 'alerts' : 'alert'} ${ids}`,
            ru: `${many ? 'подписки' : 'подписка'} ${ids}`,
          }),
        }
      : {}),
  };
}
