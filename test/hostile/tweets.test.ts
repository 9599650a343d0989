import { afterAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../adapters/console/render.js';
import { renderReply } from '../../adapters/slack/render.js';
import { splitMessages } from '../../adapters/slack/split.js';
import { renderTelegram } from '../../adapters/telegram/render.js';
import { parseJobFilters } from '../../commands/args/job-filters.js';
import type { Reply } from '../../src/chat/reply.js';
import { loadConfigFile } from '../../src/config/load.js';
import { createJobAlerts } from '../../src/delivery/job-alerts.js';
import { createDigestBuilder } from '../../src/digest/build.js';
import type { Author, Tweet } from '../../src/domain.js';
import { seededRandom } from '../../src/learn/folds.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { createAlertQueries } from '../../src/store/alert-queries.js';
import { openDatabase } from '../../src/store/database.js';
import { createDigestQueries } from '../../src/store/digest-queries.js';
import { createOutboxWriter } from '../../src/store/outbox-store.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { watchSpecsFromConfig } from '../../src/watch/from-config.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';
import { consoleProblems, slackProblems, telegramProblems } from './checks.js';
import { PIECES } from './inputs.js';

const TWEETS = 2_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0);
const pool = createPreparePool({ size: 0 });
afterAll(() => pool.close());

/** Words that route a tweet to the example config's watches (vacancies, Yandex, Sber), so it is shown. */
const ROUTING = [
  'Ищем Golang разработчика, удалённо, 300 000 ₽, вакансия',
  'Hiring a golang developer, remote, $5,000/month',
  'Яндекс опять упал, что за сервис',
  'Сбер выпустил новое приложение',
  'вакансия backend golang удаленно',
];

/** Tweets whose texts and author names carry the same hostile mix as the chat inputs. */
function hostileTweets(count: number, seed: number): { tweets: Tweet[]; authors: Author[] } {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const families = Object.values(PIECES);
  const mix = (n: number) =>
    Array.from({ length: n }, () => pick(pick(families))).join(pick([' ', '', '\n']));
  const authors = Array.from({ length: 40 }, (_, i) =>
    makeAuthor({ id: String(1000 + i), username: `user_${i}`, name: mix(1 + (i % 4)) || 'x' }),
  );
  const tweets = Array.from({ length: count }, (_, i) => {
    let text = `${pick(ROUTING)} ${mix(Math.floor(random() * 8))}`;
    if (random() < 0.02) text = `${pick(ROUTING)} ${mix(3).repeat(400)}`.slice(0, 25_000);
    return makeTweet(
      { text, createdAt: NOW - 60_000 - Math.floor(random() * 20 * 3_600_000), authorId: pick(authors).id },
      i,
    );
  });
  return { tweets, authors };
}

/** Every problem of a reply rendered for each platform. */
function renderedProblems(reply: Reply): string[] {
  const problems: string[] = [];
  for (const part of renderTelegram(reply)) {
    const html = part.kind === 'text' ? part.html : part.caption;
    problems.push(...telegramProblems(html, []).map((p) => `telegram: ${p}`));
  }
  for (const message of splitMessages(renderReply(reply))) {
    problems.push(
      ...slackProblems({ blocks: message.blocks, text: message.text }, []).map((p) => `slack: ${p}`),
    );
  }
  problems.push(...consoleProblems(renderPlain(reply), []).map((p) => `console: ${p}`));
  return problems;
}

describe('tweets are hostile input too: digests and job alerts render safely on every platform', () => {
  it(`${TWEETS} tweets with markup, controls, broken Unicode and 10 kB texts`, () => {
    const config = loadConfigFile('kestrel.config.yaml');
    const db = openDatabase(':memory:');
    const stores = createPollStores(db);
    stores.watches.syncConfig(watchSpecsFromConfig(config), NOW - 30 * 86_400_000);
    const ingestor = createIngestor({
      tweets: stores.tweets,
      watches: stores.watches,
      signals: createSignalWriter(db),
      brands: () => brandSpecsOf(stores.watches.list().map((w) => w.spec)),
      pool,
    });
    const { tweets, authors } = hostileTweets(TWEETS, 14_004);
    db.transaction(() => ingestor.ingest(tweets, authors, [], NOW))();

    const subscriptions = createSubscriptionStore(db);
    for (const [user, words] of [
      ['telegram:1', 'golang'],
      ['telegram:2', 'golang remote'],
    ] as const) {
      const filter = parseJobFilters(words);
      if (!filter.ok) throw new Error(filter.problem.en);
      subscriptions.subscribe({ userId: user, chatId: user, timezone: 'Europe/Moscow' }, filter.filter, NOW);
    }
    const alerts = createJobAlerts({
      queries: createAlertQueries(db),
      outbox: createOutboxWriter(db),
      currencyRates: { RUB: 1, USD: 90, EUR: 98, GBP: 115 },
      bundleOver: 3,
    });
    const seqs = db.prepare('SELECT seq FROM tweets ORDER BY seq').pluck().all() as number[];
    // Each poll brings a few: single alerts and bundles both.
    for (let i = 0; i < seqs.length; i += 5)
      alerts.decideJobAlerts({ newTweetSeqs: seqs.slice(i, i + 5), now: NOW });
    const alertReplies = (db.prepare('SELECT payload FROM outbox').pluck().all() as string[]).map(
      (p) => JSON.parse(p) as Reply,
    );

    const builder = createDigestBuilder({ queries: createDigestQueries(db), watches: stores.watches });
    // A digest of each of the 20 hours, and of the whole day, in both languages: each shows other tweets.
    const windows = [
      [NOW - 86_400_000, NOW],
      ...Array.from({ length: 20 }, (_, h) => [NOW - (h + 1) * 3_600_000, NOW - h * 3_600_000]),
    ];
    const digests = windows.flatMap(([from, to]) =>
      (['en', 'ru'] as const).map(
        (lang) =>
          builder.build({
            chatId: 'telegram:-100',
            lang,
            timezone: 'Europe/Moscow',
            from: from ?? 0,
            to: to ?? NOW,
          }).reply,
      ),
    );
    const digestItems = digests.reduce(
      (n, d) => n + d.blocks.reduce((m, b) => m + (b.type === 'items' ? b.items.length : 0), 0),
      0,
    );

    const failures = [...digests, ...alertReplies].flatMap((reply) => renderedProblems(reply));
    console.info(
      `tweets: ${tweets.length} hostile tweets, ${alertReplies.length} alert messages, ${digests.length} digests ` +
        `(${digestItems} items), ${failures.length} problems`,
    );
    expect(alertReplies.length).toBeGreaterThanOrEqual(5);
    expect(digestItems).toBeGreaterThan(40);
    expect(failures.slice(0, 20)).toEqual([]);
    db.close();
  }, 120_000);
});
