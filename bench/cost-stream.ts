/**
 * The cost benchmark's world: 50 watches, a month of X posts for them shaped like real search pages (long posts
 * in `note_tweet`, authors left out of `includes`, 30% of posts matching two or more watches), and an X that
 * answers recent search over it by X's rules (the fake server's query evaluator), indexed so a month runs in
 * seconds. It bills as X does: each post once per UTC day.
 */
import { compareIds } from '../src/domain.js';
import { russianCaseForms, termWordForms } from '../src/planner/inflect.js';
import type { Watch, WatchSpec } from '../src/watch/types.js';
import type { Counts, SearchRequest, TweetSource } from '../src/x/source.js';
import { type Page, parsePage } from '../src/x/wire.js';
import { matchesQuery, parseQuery, type QueryNode, wordTokens } from '../test/fakes/x-api/query.js';
import type { WireTweet, WireUser } from '../test/fakes/x-api/wire-types.js';
import { rng } from './generate.js';
import { BRANDS } from './sections/planner.js';

const TWITTER_EPOCH = 1288834974657n;
const DAY_MS = 86_400_000;
const STACKS = ['golang', 'python', 'rust', 'kotlin', 'swift', 'scala', 'elixir', 'java', 'php', 'ruby'];
const NOUNS = ['вакансия', 'разработчик', 'инженер', 'аналитик', 'дизайнер'];
const FILLER =
  'сегодня команда проект релиз опыт задача офис неделя отличный новый большой быстро вместе later today team'.split(
    ' ',
  );

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;

/** 50 watches a team would have, each with its volume in posts a day: 5 to 2,000, most of them small. */
export function costWatches(): { watch: Watch; perDay: number }[] {
  return Array.from({ length: 50 }, (_, i) => {
    const stack = STACKS[i % STACKS.length] as string;
    let spec: WatchSpec;
    switch (i % 5) {
      case 0:
      case 1:
        spec = { kind: 'jobs', name: `jobs ${i}`, terms: [`${NOUNS[i % NOUNS.length]} ${stack}${i}`] };
        break;
      case 2:
        spec = {
          kind: 'topic',
          name: `topic ${i}`,
          // Every tenth topic is too long for one query and is split.
          terms: Array.from(
            { length: i % 10 === 2 ? 36 : 3 },
            (_, k) => `${stack}${i}t${k}${i % 10 === 2 ? 'wwwwwww' : ''}`,
          ),
        };
        break;
      case 3:
        spec = {
          kind: 'brand',
          name: `brand ${i}`,
          aliases: [BRANDS[Math.floor(i / 5)] as string, `@brand_${i}`, `brand${i}.ru`],
          exclude: [],
          competitor: false,
        };
        break;
      default:
        spec = { kind: 'expert', name: `@expert_${i}`, handle: `expert_${i}` };
    }
    // Volumes from 5 to 2,000 a day, skewed: a few loud watches, many quiet ones.
    const perDay = Math.round(5 * 400 ** ((((i * 37) % 50) / 49) ** 3));
    return { watch: { id: i + 1, chatId: '', origin: 'config', spec, specHash: String(i) }, perDay };
  });
}

/** Words that make a post match the watch, in the forms people write them. */
function matchText(spec: WatchSpec, r: () => number): string {
  switch (spec.kind) {
    case 'jobs':
      return (spec.terms[0] as string)
        .split(' ')
        .map((w) => pick(termWordForms(w).slice(0, 5), r))
        .join(' ');
    case 'topic':
      return pick(spec.terms, r);
    case 'brand': {
      const alias = pick(spec.aliases, r);
      if (alias.includes('.')) return `https://${alias}/jobs`;
      return alias.startsWith('@') ? alias : pick(russianCaseForms(alias), r);
    }
    case 'expert':
      return '';
  }
}

export interface Stream {
  posts: WireTweet[];
  users: Map<string, WireUser>;
  /** Authors X leaves out of `includes` (a suspended or protected account). */
  hidden: Set<string>;
}

/** Posts from `from` to `to` for the watches at their volumes, oldest first. */
export function generateStream(
  watches: { watch: Watch; perDay: number }[],
  from: number,
  to: number,
  seed = 7,
): Stream {
  const r = rng(seed);
  const users = new Map<string, WireUser>();
  const user = (username: string): WireUser => {
    let u = users.get(username);
    if (!u) {
      u = {
        id: String(1_000_000 + users.size),
        name: username,
        username,
        created_at: '2018-01-01T00:00:00.000Z',
      };
      users.set(username, u);
    }
    return u;
  };
  const crowd = Array.from({ length: 2000 }, (_, i) => user(`person_${i}`));
  const hidden = new Set(crowd.filter((_, i) => i % 33 === 0).map((u) => u.id));
  const others = watches.filter((w) => w.watch.spec.kind !== 'expert');
  const posts: WireTweet[] = [];
  let seq = 0;
  for (const { watch, perDay } of watches) {
    const count = Math.round((perDay * (to - from)) / DAY_MS);
    for (let k = 0; k < count; k++) {
      const at = from + Math.floor(((to - from) * (k + r())) / count);
      const parts = [matchText(watch.spec, r)];
      // A second watch's words in about a third of the posts: 30% of them end up matching two watches or more.
      if (r() < 0.34) parts.push(matchText(pick(others, r).watch.spec, r));
      const author = watch.spec.kind === 'expert' ? user(watch.spec.handle) : pick(crowd, r);
      const filler = Array.from({ length: 4 + Math.floor(r() * 6) }, () => pick(FILLER, r));
      const long = r() < 0.1;
      const full = long
        ? `${Array.from({ length: 60 }, () => pick(FILLER, r)).join(' ')} ${parts.join(' ')}`
        : `${filler.slice(0, 3).join(' ')} ${parts.join(' ')} ${filler.slice(3).join(' ')}`;
      const id = ((BigInt(at) - TWITTER_EPOCH) * 4194304n + BigInt(seq++ % 4_000_000)).toString();
      posts.push({
        id,
        text: long ? `${full.slice(0, 276)}…` : full,
        ...(long ? { note_tweet: { text: full } } : {}),
        author_id: author.id,
        created_at: new Date(at).toISOString(),
        lang: 'ru',
        edit_history_tweet_ids: [id],
        public_metrics: {
          retweet_count: 0,
          reply_count: 0,
          like_count: Math.floor(r() * 50),
          quote_count: 0,
        },
      });
    }
  }
  posts.sort((a, b) => compareIds(a.id, b.id));
  return { posts, users, hidden };
}

/**
 * X's recent search over a stream, by the fake server's evaluator, with an index of words so a query only
 * looks at posts that could match. Pages of up to `max_results`, newest first, X's page shape.
 */
export function createSimulatedX(
  stream: Stream,
  now: () => number,
): TweetSource & { billed(): number; find(query: string): WireTweet[] } {
  const index = new Map<string, number[]>();
  const texts = stream.posts.map((p) => p.note_tweet?.text ?? p.text);
  stream.posts.forEach((post, i) => {
    const author = stream.users.get(post.author_id ?? '');
    const keys = new Set([...wordTokens(texts[i] as string), `from:${author?.username.toLowerCase()}`]);
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  const byUser = new Map([...stream.users.values()].map((u) => [u.id, u]));
  const asts = new Map<string, QueryNode>();
  const billedDays = new Set<string>();
  /** The first position in an ascending list of numbers at or above `value`. */
  const lowerBound = (list: readonly number[], value: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The position of the first post with an id above `id` (posts are in id order). */
  const after = (id: string): number => {
    let lo = 0;
    let hi = stream.posts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds((stream.posts[mid] as WireTweet).id, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Positions in [from, to) of posts that may match: null when the node does not narrow them down. */
  const candidates = (node: QueryNode, from: number, to: number): number[] | null => {
    const listed = (key: string) => {
      const list = index.get(key) ?? [];
      return list.slice(lowerBound(list, from), lowerBound(list, to));
    };
    switch (node.type) {
      case 'or': {
        const lists = node.children.map((c) => candidates(c, from, to));
        return lists.some((l) => l === null) ? null : [...new Set(lists.flat() as number[])];
      }
      case 'and': {
        const lists = node.children
          .map((c) => candidates(c, from, to))
          .filter((l): l is number[] => l !== null);
        return lists.length === 0 ? null : lists.reduce((x, y) => (x.length <= y.length ? x : y));
      }
      case 'keyword':
      case 'phrase':
        return listed(node.words[0] ?? '');
      case 'mention':
        return listed(node.username);
      case 'hashtag':
        return listed(node.tag);
      case 'from':
        return listed(`from:${node.user}`);
      case 'url':
        return listed(wordTokens(node.value)[0] ?? '');
      default:
        return null;
    }
  };
  const astOf = (query: string): QueryNode => {
    let ast = asts.get(query);
    if (!ast) {
      ast = parseQuery(query);
      asts.set(query, ast);
    }
    return ast;
  };
  /** Posts of the stream with ids in (sinceId, belowId) the query finds, newest first. */
  const find = (
    query: string,
    sinceId: string | null,
    belowId: string | null,
    visible: number,
  ): WireTweet[] => {
    const ast = astOf(query);
    const from = sinceId ? after(sinceId) : 0;
    const to = belowId ? after((BigInt(belowId) - 1n).toString()) : stream.posts.length;
    const positions = candidates(ast, from, to) ?? Array.from({ length: to - from }, (_, i) => from + i);
    return positions
      .sort((x, y) => y - x)
      .map((i) => stream.posts[i] as WireTweet)
      .filter(
        (p) =>
          Date.parse(p.created_at as string) <= visible &&
          matchesQuery(ast, p, byUser.get(p.author_id ?? '')),
      );
  };
  return {
    kind: 'x',
    billed: () => billedDays.size,
    find: (query) => find(query, null, null, Number.POSITIVE_INFINITY),
    async search(request: SearchRequest): Promise<Page> {
      const below = request.nextToken ?? request.untilId ?? null;
      const found = find(request.query, request.sinceId ?? null, below, now() - 10_000);
      const data = found.slice(0, request.maxResults ?? 100);
      const day = new Date(now()).toISOString().slice(0, 10);
      for (const p of data) billedDays.add(`${day}:${p.id}`);
      const authors = [...new Set(data.map((p) => p.author_id as string))]
        .filter((id) => !stream.hidden.has(id))
        .map((id) => byUser.get(id) as WireUser);
      const last = data.at(-1);
      return parsePage({
        ...(data.length > 0 ? { data, includes: { users: authors } } : {}),
        meta: {
          result_count: data.length,
          ...(last ? { newest_id: data[0]?.id, oldest_id: last.id } : {}),
          ...(last && found.length > data.length ? { next_token: last.id } : {}),
        },
      });
    },
    async counts(): Promise<Counts> {
      throw new Error('the cost benchmark does not estimate');
    },
    async userByUsername() {
      return null;
    },
    async timeline() {
      return { tweets: [], authors: [], newestId: null, nextToken: null };
    },
    async tweetsByIds() {
      return { tweets: [], authors: [], newestId: null, nextToken: null };
    },
  };
}
