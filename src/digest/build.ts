import type { Lang } from '../chat/i18n.js';
import { t } from '../chat/i18n.js';
import type { Reply, ReplyBlock } from '../chat/reply.js';
import type { DigestQueries } from '../store/digest-queries.js';
import type { WatchStore } from '../store/watch-store.js';
import { tweetLink } from './format.js';
import { brandPulseSection } from './sections/brand-pulse.js';
import { helpWantedSection, vacanciesSection } from './sections/jobs.js';
import { discussionsSection, expertsSection } from './sections/talk.js';
import type { SpikeRule } from './spike.js';

/** How many entries each section may show at most. */
export interface DigestCaps {
  vacancies: number;
  helpWanted: number;
  discussions: number;
  experts: number;
}

export const DEFAULT_CAPS: DigestCaps = { vacancies: 8, helpWanted: 5, discussions: 5, experts: 5 };

export interface DigestRequest {
  chatId: string;
  lang: Lang;
  timezone: string;
  /** The window: the last 24 hours, or since this chat's last digest. */
  from: number;
  to: number;
}

export interface Digest {
  reply: Reply;
  /** True when nothing happened: the reply is one line saying so. */
  empty: boolean;
}

export interface DigestBuilder {
  build(request: DigestRequest): Digest;
}

/**
 * A chat's digest from the watches of that chat (its own and the config's), in its language: vacancies,
 * people looking for a specialist, discussions, experts' best posts and the brand pulse. Each section is
 * skipped when empty and capped; a day with nothing says so in one line.
 */
export function createDigestBuilder(deps: {
  queries: DigestQueries;
  watches: WatchStore;
  caps?: DigestCaps;
  spikeRule?: SpikeRule;
}): DigestBuilder {
  const caps = deps.caps ?? DEFAULT_CAPS;
  return {
    build({ chatId, lang, timezone, from, to }) {
      const watches = deps.watches.list().filter((w) => w.chatId === '' || w.chatId === chatId);
      const tweets = deps.queries.matched(
        watches.map((w) => w.id),
        from,
        to,
      );
      const experts = new Set(watches.filter((w) => w.spec.kind === 'expert').map((w) => w.id));
      const brands = watches.filter((w) => w.spec.kind === 'brand').map((w) => w.spec.name);
      const conversations = [
        ...new Set(tweets.map((tw) => tw.conversationId).filter((c): c is string => c !== null)),
      ];
      const topical = [
        vacanciesSection(tweets, to, lang, caps.vacancies),
        helpWantedSection(tweets, lang, caps.helpWanted),
        discussionsSection(tweets, deps.queries.repliesIn(conversations), to, lang, caps.discussions),
      ];
      // An expert's post already shown as a vacancy or a discussion is not shown again among the experts.
      const shown = new Set(topical.flatMap((b) => (b?.type === 'items' ? b.items.map((i) => i.link) : [])));
      const blocks: ReplyBlock[] = [
        ...topical,
        expertsSection(
          tweets.filter((tw) => !shown.has(tweetLink(tw))),
          experts,
          lang,
          caps.experts,
        ),
        ...brandPulseSection(brands, deps.queries, { from, to }, lang, timezone, deps.spikeRule),
      ].filter((b): b is ReplyBlock => b !== null);
      const title = `${t(lang, { en: 'Digest', ru: 'Дайджест' })} · ${formatWindow(from, to, lang, timezone)}`;
      if (blocks.length === 0) {
        return {
          empty: true,
          reply: {
            title,
            blocks: [
              {
                type: 'text',
                text: t(lang, {
                  en: 'Nothing new for your watches in this period.',
                  ru: 'По вашим наблюдениям за этот период ничего нового.',
                }),
              },
            ],
          },
        };
      }
      return {
        empty: false,
        reply: {
          title,
          blocks,
          footer: t(lang, {
            en: `${tweets.length} matching posts · /watch list · /help`,
            ru: `Подходящих постов: ${tweets.length} · /watch list · /help`,
          }),
        },
      };
    },
  };
}

function formatWindow(from: number, to: number, lang: Lang, timezone: string): string {
  const fmt = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${fmt.format(from)} – ${fmt.format(to)}`;
}
