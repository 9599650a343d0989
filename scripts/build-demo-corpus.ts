/**
 * Builds the demo corpus: reads the hand-written `data/demo/corpus.yaml` and writes
 * `data/demo/search-pages.jsonl`, the pages `GET /2/tweets/search/recent` would have returned for it
 * (X API v2 wire shape, newest first, at most 100 tweets a page, one page a line).
 *
 * What the X API does and this script copies: `&`, `<`, `>` in text are HTML-escaped; links become
 * 23-character t.co links (bare domains too, except a lone `name.cc` with a country TLD and no path);
 * entity offsets count Unicode code points of the escaped text; replies start with `@handle`s of the
 * people they answer; quotes end with a t.co link to the quoted tweet; retweets read `RT @user: ...`
 * cut to 140 code points; tweet ids are snowflakes of their creation time.
 *
 * Usage (from the repository root): `node dist/scripts/build-demo-corpus.js [corpus.yaml] [out.jsonl]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const TWITTER_EPOCH = 1288834974657n;
const PAGE_SIZE = 100;
const RT_LIMIT = 140;

const authorSchema = z.strictObject({
  id: z.string().regex(/^[1-9]\d{5,18}$/),
  username: z.string().regex(/^\w{1,15}$/),
  name: z.string().min(1).max(50),
  description: z.string().max(160),
  followers_count: z.number().int().nonnegative(),
  following_count: z.number().int().nonnegative(),
  tweet_count: z.number().int().nonnegative(),
  listed_count: z.number().int().nonnegative().optional(),
  verified: z.boolean(),
  created_at: z.iso.datetime(),
});

const tweetSchema = z.strictObject({
  key: z.string().min(1),
  kind: z.enum(['vacancy', 'seeker', 'candidate', 'discussion', 'expert', 'promo', 'brand', 'other']),
  by: z.string(),
  text: z.string().min(1).optional(),
  day: z.number().int().max(0).optional(),
  time: z
    .string()
    .regex(/^\d\d:\d\d$/)
    .optional(),
  minutesAgo: z.number().int().nonnegative().optional(),
  lang: z.string().optional(),
  /** likes, retweets, replies, quotes, bookmarks, impressions */
  m: z.array(z.number().int().nonnegative()).length(6).optional(),
  reply_to: z.string().optional(),
  quote: z.string().optional(),
  retweet: z.string().optional(),
  brands: z.array(z.enum(['Yandex', 'Sber', 'VK'])).optional(),
  sentiment: z.enum(['positive', 'negative', 'neutral']).optional(),
  lookalike: z.string().optional(),
  dup_of: z.string().optional(),
  note: z.string().optional(),
});

const corpusSchema = z.strictObject({
  end: z.iso.datetime(),
  authors: z.array(authorSchema).min(1),
  tweets: z.array(tweetSchema).min(1),
});

/** The parsed, validated `corpus.yaml`. */
export type DemoCorpus = z.infer<typeof corpusSchema>;
/** One hand-written tweet of the corpus, before it is turned into the wire shape. */
export type DemoTweet = z.infer<typeof tweetSchema>;
type Author = z.infer<typeof authorSchema>;

interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
}
type Link = Pick<UrlEntity, 'url' | 'expanded_url' | 'display_url'>;

/** A tweet object as X API v2 sends it with the fields Kestrel asks for. */
export interface WireTweet {
  edit_history_tweet_ids: string[];
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  lang: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  entities?: Record<string, Record<string, string | number>[]>;
  public_metrics: Record<string, number>;
}

/** Parses and validates corpus YAML text. Throws on unknown keys or malformed values. */
export function parseCorpus(yamlText: string): DemoCorpus {
  return corpusSchema.parse(parse(yamlText));
}

/** FNV-1a, 32 bits: a small deterministic hash for seconds, sequences and t.co codes. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function code(seed: string, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[hash(`${seed}#${i}`) % alphabet.length];
  return out;
}

const cps = (s: string): number => [...s].length;

/** When a tweet was posted, epoch ms with a deterministic sub-minute part. */
function postedAt(t: DemoTweet, endMs: number): number {
  const within = hash(`s:${t.key}`) % 59_000;
  let ms: number;
  if (t.minutesAgo !== undefined) ms = endMs - t.minutesAgo * 60_000 - within;
  else if (t.day !== undefined && t.time !== undefined) {
    const endDay = Math.floor(endMs / 86_400_000) * 86_400_000;
    const [hh, mm] = t.time.split(':').map(Number) as [number, number];
    ms = endDay + t.day * 86_400_000 + (hh * 60 + mm) * 60_000 + within;
  } else throw new Error(`tweet ${t.key}: give minutesAgo or day and time`);
  if (ms > endMs) throw new Error(`tweet ${t.key} is after the corpus end`);
  return ms;
}

/** A snowflake id: milliseconds since X's epoch above 22 bits of machine and sequence. */
function snowflake(ms: number, key: string): bigint {
  return ((BigInt(ms) - TWITTER_EPOCH) << 22n) | BigInt(hash(`id:${key}`) & 0x3fffff);
}

function detectLang(text: string): string {
  const letters = text.replace(/https?:\/\/\S+|[@#$]\w+/g, '').match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'und';
  const cyr = letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length;
  return cyr / letters.length > 0.3 ? 'ru' : 'en';
}

function displayUrl(expanded: string): string {
  const u = new URL(expanded);
  const host = u.host.replace(/^www\./, '');
  const rest = `${u.pathname === '/' ? '' : u.pathname}${u.search}${u.hash}`;
  return cps(rest) > 15 ? `${host}${[...rest].slice(0, 15).join('')}…` : `${host}${rest}`;
}

const URL_RE =
  /(?<![\p{L}\p{N}_@./-])(?:https?:\/\/[^\s]+|(?:[a-z0-9-]+\.)+(?:com|net|org|dev|app|jobs|[a-z]{2})(?:\/[^\s]*)?(?![\p{L}\p{N}_-]))/giu;

/** Replaces links in raw text by t.co links, then HTML-escapes the text as the API does. */
function linkify(raw: string, seed: string, links: Map<string, Link>): string {
  let n = 0;
  const replaced = raw.replace(URL_RE, (match) => {
    const trail = /[.,!?:;)»"']+$/.exec(match)?.[0] ?? '';
    const url = match.slice(0, match.length - trail.length);
    const bare = !/^https?:\/\//i.test(url);
    if (bare && !url.includes('/') && /^[a-z0-9-]+\.(?!co$|tv$)[a-z]{2}$/i.test(url)) return match;
    const tco = `https://t.co/${code(`${seed}:${n++}:${url}`, 10)}`;
    const expanded = bare ? `http://${url}` : url;
    links.set(tco, { url: tco, expanded_url: expanded, display_url: displayUrl(expanded) });
    return `${tco}${trail}`;
  });
  return escapeHtml(replaced);
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeHtml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Finds urls, hashtags, cashtags and mentions in final text; offsets in code points. */
function extractEntities(
  text: string,
  links: Map<string, Link>,
  byName: Map<string, Author>,
): WireTweet['entities'] {
  const offset = (utf16: number): number => cps(text.slice(0, utf16));
  const found: Record<string, Record<string, string | number>[]> = {};
  const add = (kind: string, entity: Record<string, string | number>) => {
    found[kind] ??= [];
    found[kind].push(entity);
  };
  for (const m of text.matchAll(/https:\/\/t\.co\/[A-Za-z0-9]{10}(?![A-Za-z0-9])/g)) {
    const link = links.get(m[0]);
    if (!link) continue;
    const start = offset(m.index);
    add('urls', { start, end: start + cps(m[0]), ...link });
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_&])#([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu)) {
    const start = offset(m.index);
    add('hashtags', { start, end: start + cps(m[0]), tag: m[1] as string });
  }
  for (const m of text.matchAll(/(?<=^|\s)\$([A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)(?=$|\s|[.,!?:;)])/g)) {
    const start = offset(m.index);
    add('cashtags', { start, end: start + cps(m[0]), tag: m[1] as string });
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9_!#$%&*@])@(\w{1,20})(?![\w@]|:\/\/)/g)) {
    const user = byName.get((m[1] as string).toLowerCase());
    if (!user) throw new Error(`mention of unknown account @${m[1]} in: ${text}`);
    const start = offset(m.index);
    add('mentions', { start, end: start + cps(m[0]), username: user.username, id: user.id });
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

interface Built {
  wire: WireTweet;
  src: DemoTweet;
  ms: number;
  author: Author;
  /** Leading @handles of a reply, carried into replies to it. */
  chain: string[];
}

function metrics(t: DemoTweet, author: Author, counts: { replies: number; rts: number; quotes: number }) {
  if (t.retweet) return [0, 0, 0, 0, 0, 0];
  const h = hash(`m:${t.key}`);
  const f = author.followers_count;
  const impressions = Math.round(f * (0.08 + (h % 40) / 100) + (h % 97));
  const likes = Math.floor((impressions * ((h >>> 8) % 25)) / 1000);
  const derived = [likes, Math.floor(likes / 6), 0, 0, Math.floor(likes / 9), impressions];
  const m = t.m ?? derived;
  return [
    m[0]!,
    Math.max(m[1]!, counts.rts),
    Math.max(m[2]!, counts.replies),
    Math.max(m[3]!, counts.quotes),
    m[4]!,
    m[5]!,
  ];
}

/** Wire tweets newest first, the corpus's authors by id, and each corpus key's tweet id. */
export interface BuiltCorpus {
  tweets: WireTweet[];
  users: Map<string, Author>;
  idByKey: Map<string, string>;
}

/** Turns a corpus into wire tweets and users. Throws on dangling or out-of-order references. */
export function buildTweets(corpus: DemoCorpus): BuiltCorpus {
  const endMs = Date.parse(corpus.end);
  const byName = new Map(corpus.authors.map((a) => [a.username.toLowerCase(), a]));
  const usersById = new Map(corpus.authors.map((a) => [a.id, a]));
  if (byName.size !== corpus.authors.length || usersById.size !== corpus.authors.length)
    throw new Error('duplicate author username or id');
  const order = corpus.tweets
    .map((src) => ({ src, ms: postedAt(src, endMs) }))
    .sort((a, b) => a.ms - b.ms || (a.src.key < b.src.key ? -1 : 1));
  const counts = new Map<string, { replies: number; rts: number; quotes: number }>();
  const countOf = (key: string) => {
    const c = counts.get(key) ?? { replies: 0, rts: 0, quotes: 0 };
    counts.set(key, c);
    return c;
  };
  for (const { src } of order) {
    if (src.reply_to) countOf(src.reply_to).replies++;
    if (src.retweet) countOf(src.retweet).rts++;
    if (src.quote) countOf(src.quote).quotes++;
  }
  const links = new Map<string, Link>();
  const built = new Map<string, Built>();
  for (const { src, ms } of order) {
    if (built.has(src.key)) throw new Error(`duplicate tweet key ${src.key}`);
    const author = byName.get(src.by.toLowerCase());
    if (!author) throw new Error(`tweet ${src.key}: unknown author ${src.by}`);
    const ref = (key: string | undefined): Built | undefined => {
      if (key === undefined) return undefined;
      const target = built.get(key);
      if (!target || target.ms >= ms)
        throw new Error(`tweet ${src.key} refers to ${key}, which is missing or not older`);
      return target;
    };
    const parent = ref(src.reply_to);
    const quoted = ref(src.quote);
    const retweeted = ref(src.retweet);
    if ([parent, quoted, retweeted].filter(Boolean).length > 1 && retweeted)
      throw new Error(`tweet ${src.key}: a retweet refers to nothing else`);
    const id = snowflake(ms, src.key).toString();
    let text: string;
    let chain: string[] = [];
    let entities: WireTweet['entities'];
    if (retweeted) {
      // X cuts the unescaped text to 140 code points and keeps only the entities that survive whole.
      const full = `RT @${retweeted.author.username}: ${unescapeHtml(retweeted.wire.text)}`;
      const cut = cps(full) > RT_LIMIT ? [...full].slice(0, RT_LIMIT - 1).join('') : full;
      text = escapeHtml(cut === full ? full : `${cut}…`);
      const kept = cps(escapeHtml(cut));
      const all = extractEntities(escapeHtml(full), links, byName) ?? {};
      const whole = Object.entries(all)
        .map(([kind, list]) => [kind, list.filter((e) => Number(e.end) <= kept)] as const)
        .filter(([, list]) => list.length > 0);
      entities = whole.length > 0 ? Object.fromEntries(whole) : undefined;
    } else {
      if (!src.text) throw new Error(`tweet ${src.key} has no text`);
      text = linkify(src.text, src.key, links);
      if (parent) {
        chain = [parent.author.username, ...parent.chain].filter(
          (u, i, all) => u !== author.username && all.indexOf(u) === i,
        );
        if (chain.length > 0) text = `${chain.map((u) => `@${u}`).join(' ')} ${text}`;
      }
      if (quoted) {
        const expanded = `https://twitter.com/${quoted.author.username}/status/${quoted.wire.id}`;
        const tco = `https://t.co/${code(`q:${src.key}`, 10)}`;
        links.set(tco, { url: tco, expanded_url: expanded, display_url: displayUrl(expanded) });
        text = `${text} ${tco}`;
      }
      entities = extractEntities(text, links, byName);
    }
    const references: NonNullable<WireTweet['referenced_tweets']> = [];
    if (retweeted) references.push({ type: 'retweeted', id: retweeted.wire.id });
    if (quoted) references.push({ type: 'quoted', id: quoted.wire.id });
    if (parent) references.push({ type: 'replied_to', id: parent.wire.id });
    const m = metrics(src, author, counts.get(src.key) ?? { replies: 0, rts: 0, quotes: 0 });
    if (retweeted) m[1] = retweeted.wire.public_metrics.retweet_count ?? 0;
    const wire: WireTweet = {
      edit_history_tweet_ids: [id],
      id,
      text,
      author_id: author.id,
      created_at: new Date(ms - (ms % 1000)).toISOString(),
      conversation_id: parent ? parent.wire.conversation_id : id,
      lang: src.lang ?? (retweeted ? retweeted.wire.lang : detectLang(src.text ?? '')),
      ...(parent ? { in_reply_to_user_id: parent.author.id } : {}),
      ...(references.length > 0 ? { referenced_tweets: references } : {}),
      ...(entities ? { entities } : {}),
      public_metrics: {
        retweet_count: m[1]!,
        reply_count: m[2]!,
        like_count: m[0]!,
        quote_count: m[3]!,
        bookmark_count: m[4]!,
        impression_count: m[5]!,
      },
    };
    built.set(src.key, { wire, src, ms, author, chain });
  }
  const tweets = [...built.values()]
    .map((b) => ({ wire: b.wire, n: BigInt(b.wire.id) }))
    .sort((a, b) => (a.n < b.n ? 1 : a.n > b.n ? -1 : 0))
    .map((x) => x.wire);
  for (let i = 1; i < tweets.length; i++)
    if (tweets[i - 1]!.id === tweets[i]!.id) throw new Error(`duplicate tweet id ${tweets[i]!.id}`);
  const idByKey = new Map([...built].map(([key, b]) => [key, b.wire.id]));
  return { tweets, users: usersById, idByKey };
}

function wireUser(a: Author) {
  return {
    id: a.id,
    name: a.name,
    username: a.username,
    created_at: new Date(Date.parse(a.created_at)).toISOString(),
    description: a.description,
    verified: a.verified,
    public_metrics: {
      followers_count: a.followers_count,
      following_count: a.following_count,
      tweet_count: a.tweet_count,
      listed_count: a.listed_count ?? Math.floor(a.followers_count / 130) + (hash(a.id) % 4),
    },
  };
}

/** Builds the JSONL text (one search page per line, trailing newline) from corpus YAML text. */
export function buildDemoPages(yamlText: string): string {
  const { tweets, users } = buildTweets(parseCorpus(yamlText));
  const lines: string[] = [];
  for (let i = 0; i < tweets.length; i += PAGE_SIZE) {
    const data = tweets.slice(i, i + PAGE_SIZE);
    const authorIds = [...new Set(data.map((t) => t.author_id))];
    const meta: Record<string, string | number> = {
      newest_id: data[0]!.id,
      oldest_id: data[data.length - 1]!.id,
      result_count: data.length,
    };
    if (i + PAGE_SIZE < tweets.length)
      meta.next_token = `b26v89c19zqg8o3f${code(`page:${i}`, 29, '0123456789abcdefghijklmnopqrstuvwxyz')}`;
    const page = { data, includes: { users: authorIds.map((id) => wireUser(users.get(id)!)) }, meta };
    lines.push(JSON.stringify(page));
  }
  return `${lines.join('\n')}\n`;
}

/** Reads corpus.yaml, writes search-pages.jsonl; paths from argv or the defaults under data/demo. */
export function main(argv: string[] = process.argv.slice(2)): void {
  const [input = 'data/demo/corpus.yaml', output = 'data/demo/search-pages.jsonl'] = argv;
  const jsonl = buildDemoPages(readFileSync(input, 'utf8'));
  writeFileSync(output, jsonl);
  const count = jsonl.split('\n').filter(Boolean).length;
  process.stdout.write(`wrote ${output}: ${count} pages\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
