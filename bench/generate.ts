/**
 * Generated X API v2 search pages for benchmarks: realistic mixes of Russian and English tweets
 * (vacancies, questions, promo, brand mentions), deterministic for a given seed.
 */
const TWITTER_EPOCH = 1288834974657n;

const OPENERS = [
  'Ищем backend-разработчика в команду',
  'Вакансия: senior frontend, удалёнка',
  'We are hiring a product designer',
  'Кто может настроить CI на GitHub Actions?',
  'Ищу работу, 5 лет опыта в Go',
  'Скидка 30% по промокоду SALE30',
  'Как вы проводите код-ревью в команде?',
  'Яндекс снова обновил поиск',
  'Сбер запустил новый сервис',
  'Looking for a freelance copywriter',
  'Open to work: data engineer',
  'TypeScript 6 — что думаете?',
  'Займ без отказа до 50 000 рублей',
  'Работаю в Яндексе третий год',
];
const MIDDLES = [
  'зарплата от 200 000 ₽',
  '$5k/mo, remote',
  'офис в Москве',
  'гибрид, СПб',
  'пишите в личку',
  'подробности по ссылке https://t.co/abc123',
  'опыт от 3 лет',
  'нужен к пятнице',
  '€70–85k/yr',
  'всем спасибо за ответы',
  '#вакансия #удаленка',
  '@yandex подскажите',
];

/** Deterministic pseudo-random numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], r: () => number): T {
  return items[Math.floor(r() * items.length)] as T;
}

/** `count` tweets by `authors` authors as search pages of 100, newest first, as JSON lines. */
export function generatePages(
  count: number,
  options: { seed?: number; authors?: number; end?: number } = {},
): string[] {
  const r = rng(options.seed ?? 42);
  const authors = options.authors ?? Math.max(10, Math.floor(count / 20));
  const end = options.end ?? Date.UTC(2026, 10, 20, 12);
  const span = 14 * 24 * 3_600_000;
  const lines: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const data: unknown[] = [];
    const users = new Map<string, unknown>();
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const at = end - Math.floor((span * i) / count);
      const id = ((BigInt(at) - TWITTER_EPOCH) * 4194304n + BigInt(i % 4096)).toString();
      const authorIndex = Math.floor(r() * authors);
      const authorId = String(1_000_000 + authorIndex);
      const text = `${pick(OPENERS, r)}. ${pick(MIDDLES, r)} ${pick(MIDDLES, r)} #${i % 97}`;
      data.push({
        id,
        text,
        author_id: authorId,
        created_at: new Date(at).toISOString(),
        lang: text.match(/[а-яё]/i) ? 'ru' : 'en',
        conversation_id: id,
        edit_history_tweet_ids: [id],
        public_metrics: {
          retweet_count: Math.floor(r() * 20),
          reply_count: Math.floor(r() * 10),
          like_count: Math.floor(r() * 200),
          quote_count: Math.floor(r() * 3),
          bookmark_count: Math.floor(r() * 5),
          impression_count: Math.floor(r() * 10_000),
        },
        entities: { hashtags: [{ start: text.lastIndexOf('#'), end: text.length, tag: String(i % 97) }] },
      });
      users.set(authorId, {
        id: authorId,
        name: `Author ${authorIndex}`,
        username: `author_${authorIndex}`,
        created_at: '2016-05-01T10:00:00.000Z',
        description: 'generated',
        verified: false,
        public_metrics: {
          followers_count: 100 + authorIndex,
          following_count: 10,
          tweet_count: 500,
          listed_count: 0,
        },
      });
    }
    const first = data[0] as { id: string };
    const last = data[data.length - 1] as { id: string };
    lines.push(
      JSON.stringify({
        data,
        includes: { users: [...users.values()] },
        meta: { newest_id: first.id, oldest_id: last.id, result_count: data.length },
      }),
    );
  }
  return lines;
}
