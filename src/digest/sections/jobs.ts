import type { Lang } from '../../chat/i18n.js';
import { t } from '../../chat/i18n.js';
import type { ReplyBlock } from '../../chat/reply.js';
import type { VacancyFacts } from '../../classify/vacancy.js';
import type { DigestTweet } from '../../store/digest-queries.js';
import { formatRemote, formatSalary, tweetItem } from '../format.js';
import { foldStories, type Story } from '../stories.js';

const HOUR = 3_600_000;

/** Vacancies, ranked by freshness and completeness (salary, remote, contact), salary and remote inline. */
export function vacanciesSection(
  tweets: readonly DigestTweet[],
  now: number,
  lang: Lang,
  cap: number,
): ReplyBlock | null {
  const stories = foldStories(tweets.filter((tw) => tw.label === 'vacancy'));
  if (stories.length === 0) return null;
  const scored = stories
    .map((story) => ({ story, facts: factsOf(story), score: 0 }))
    .map((s) => ({ ...s, score: vacancyScore(s.story, s.facts, now) }))
    .sort((a, b) => b.score - a.score || b.story.main.createdAt - a.story.main.createdAt);
  return {
    type: 'items',
    heading: t(lang, { en: 'Vacancies', ru: 'Вакансии' }),
    items: scored.slice(0, cap).map(({ story, facts }) => {
      const inline = [
        facts?.salary ? formatSalary(facts.salary, lang) : null,
        formatRemote(facts?.remote ?? null, lang),
        facts?.location ?? null,
      ].filter((x): x is string => Boolean(x));
      return tweetItem(story.main, {
        ...(inline.length ? { metrics: inline } : {}),
        ...alsoNote(story, lang),
      });
    }),
    ...(scored.length > cap ? { more: scored.length - cap } : {}),
  };
}

/** People looking for a specialist: work for our users. Newest first. */
export function helpWantedSection(
  tweets: readonly DigestTweet[],
  lang: Lang,
  cap: number,
): ReplyBlock | null {
  const stories = foldStories(tweets.filter((tw) => tw.label === 'help_wanted')).sort(
    (a, b) => b.main.createdAt - a.main.createdAt,
  );
  if (stories.length === 0) return null;
  return {
    type: 'items',
    heading: t(lang, { en: 'Looking for a specialist', ru: 'Ищут специалиста' }),
    items: stories.slice(0, cap).map((s) => tweetItem(s.main, alsoNote(s, lang))),
    ...(stories.length > cap ? { more: stories.length - cap } : {}),
  };
}

function factsOf(story: Story): VacancyFacts | null {
  for (const member of [story.main, ...story.members]) {
    if (member.vacancy) {
      try {
        return JSON.parse(member.vacancy) as VacancyFacts;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** 0..1 freshness over a day plus up to 1 for completeness. */
function vacancyScore(story: Story, facts: VacancyFacts | null, now: number): number {
  const age = Math.max(0, now - story.main.createdAt) / (24 * HOUR);
  const freshness = Math.max(0, 1 - age);
  const completeness = (facts?.salary ? 0.5 : 0) + (facts?.remote ? 0.25 : 0) + (facts?.contact ? 0.25 : 0);
  return freshness + completeness;
}

function alsoNote(story: Story, lang: Lang): { note?: string } {
  const n = story.alsoBy.length;
  if (n === 0) return {};
  return {
    note: t(lang, {
      en: `also posted by ${n}: ${story.alsoBy.map((u) => `@${u}`).join(', ')}`,
      ru: `также опубликовали: ${story.alsoBy.map((u) => `@${u}`).join(', ')}`,
    }),
  };
}
