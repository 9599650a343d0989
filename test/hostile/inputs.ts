/**
 * Seeded hostile chat input: every command and subcommand of Kestrel with arguments drawn from Unicode edge
 * cases, control and zero-width characters, bidi marks, HTML and mrkdwn injection, X query operators, FTS5
 * syntax, SQL, numbers and ids, other people's ids, and 10 kB arguments. The same seed gives the same inputs.
 */

import { seededRandom } from '../../src/learn/folds.js';

/** Families of hostile pieces; each input records which it used. */
export const PIECES = {
  unicode: [
    'e\u0301',
    'Z\u0338\u0322\u031b\u0319\u031f\u034d\u031d\u034e\u032a\u033c\u032d\u0305\u0303\u0300',
    '\ud800',
    '\udfff',
    '\ud83d',
    '👨‍👩‍👧‍👦',
    '🇷🇺🏳️‍🌈',
    '\u{1F600}',
    '𝕏𝕖𝕤𝕥𝕣𝕖𝕝',
    'ＦＵＬＬ',
    'İıǅß',
    '\u00a0',
    '\u2028',
    '\u2029',
    '\ufffe',
    '\uffff',
    '\u{10ffff}',
    'ё Ё й',
    '﷽',
  ],
  control: [
    '\u0000',
    '\u0001',
    '\u0007',
    '\b',
    '\u001b[2J\u001b[31mRED',
    '\u001b]0;pwned\u0007',
    '\r',
    '\u007f',
    '\u0085',
    '\u009b31m',
    '\t',
    '\n',
    '\r\n',
    '\f',
    '\v',
  ],
  zeroWidth: ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', 'ya\u200bndex', 'Ян\u200dдекс'],
  bidi: [
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u202egnp.exe',
    'مرحبا',
    'שלום',
  ],
  html: [
    '<b>INJ</b>',
    '<a href="https://evil.example/x">INJ</a>',
    '</b>',
    '</a>',
    '<tg-spoiler>INJ</tg-spoiler>',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<code>',
    '<pre>',
    '&amp;',
    '&lt;',
    '&#0;',
    '&#x110000;',
    '&nbsp;',
    '&',
    '<',
    '>',
    '"',
    "'",
    '<<>>',
  ],
  mrkdwn: [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0ADMIN01>',
    '<#C0GENERAL>',
    '<https://evil.example|click>',
    '<!subteam^S0123>',
    '<!date^1392734382^{date}|x>',
    '*bold*',
    '_it_',
    '~s~',
    '`code`',
    '```block```',
    '> quote',
    '&gt;',
    '|',
  ],
  xQuery: [
    'from:elonmusk',
    '-is:retweet',
    'OR',
    'AND',
    '(a OR b)',
    'url:"x.com"',
    'lang:ru',
    'has:links',
    '#tag',
    '$TSLA',
    'to:x',
    'conversation_id:1',
    'place_country:RU',
    '"exact phrase"',
    '-',
    'is:verified',
    '@',
  ],
  fts: [
    '"',
    'NEAR(a b, 5)',
    'a*',
    '^a',
    'a NOT b',
    'col:word',
    '{a b}:c',
    '(',
    ')',
    '""""',
    '*',
    'a + b',
    'OR NOT',
    'AND AND',
  ],
  sql: ["'; DROP TABLE tweets; --", "' OR 1=1 --", '%', '_', '\\', '%_%', '\\\\x00'],
  numbers: [
    '0',
    '-1',
    '#1',
    '#2',
    '#7',
    '#13',
    '42',
    '99999999999',
    '999999999999999999999',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    '١٢٣',
    '１２',
    '3.14',
    '-0',
  ],
  time: [
    '09:00',
    '25:61',
    '23:00-08:00',
    '00:00-00:00',
    '9',
    '24:00',
    'Europe/Moscow',
    'Mars/Olympus',
    'UTC+3',
    'Etc/GMT-14',
    '../../etc/passwd',
    '24h',
    '7d',
    '30d',
    '90d',
    '-7d',
    '9999d',
    '0d',
  ],
  words: [
    'yandex',
    'Яндекс',
    'sber',
    'Сбер',
    'golang',
    'remote',
    'удалёнка',
    'salary>=200k',
    'salary>=€5k',
    'RUB',
    'in',
    'Berlin',
    'confirm',
    'public',
    'yes',
    'да',
    'off',
    'ru',
    'en',
    '@kate_backend',
    'brand',
    'jobs',
    'topic',
    'expert',
  ],
} as const;

export type PieceFamily = keyof typeof PIECES | 'random' | 'big' | 'otherIds';

/** What the chat (and the person) under attack must not learn about or change. */
export interface Others {
  /** Ids of other people and chats, in every platform's form. */
  ids: readonly string[];
  /** `#N` ids of other chats' watches and other people's alerts. */
  itemIds: readonly number[];
}

/** Commands with the subcommands each knows, and some that are not commands. */
const COMMANDS: readonly [string, readonly string[]][] = [
  ['mentions', ['']],
  ['engagement', ['']],
  ['jobs', ['', 'add', 'list', 'remove', 'pause', 'resume', 'quiet', 'quiet off', 'forget', 'forget yes']],
  ['watch', ['', 'add brand', 'add jobs', 'add topic', 'add expert', 'list', 'remove', 'add']],
  ['digest', ['']],
  ['schedule', ['', 'digest', 'off']],
  ['stats', ['']],
  ['lang', ['', 'ru', 'en']],
  ['help', ['', 'jobs', 'watch', 'mentions']],
  ['start', ['']],
  ['mention', ['']],
  ['watсh', ['']],
  ['помощь', ['']],
  ['', ['']],
];

export interface HostileInput {
  text: string;
  families: PieceFamily[];
}

/** `count` hostile messages for a chat, from `seed`. Most are commands; some are plain text. */
export function hostileInputs(count: number, seed: number, others: Others): HostileInput[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const families = Object.keys(PIECES) as (keyof typeof PIECES)[];
  const piece = (used: Set<PieceFamily>): string => {
    const roll = random();
    if (roll < 0.08) {
      used.add('random');
      return Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        String.fromCharCode(Math.floor(random() * 0x10000)),
      ).join('');
    }
    if (roll < 0.14) {
      used.add('otherIds');
      return random() < 0.5 ? pick(others.ids) : `${random() < 0.5 ? '#' : ''}${pick(others.itemIds)}`;
    }
    const family = pick(families);
    used.add(family);
    return pick(PIECES[family]);
  };
  const out: HostileInput[] = [];
  for (let i = 0; i < count; i++) {
    const used = new Set<PieceFamily>();
    const [name, subs] = pick(COMMANDS);
    const sub = pick(subs);
    const parts = Array.from({ length: Math.floor(random() * 7) }, () => piece(used));
    let args = parts.join(random() < 0.75 ? ' ' : '');
    if (random() < 0.02) {
      used.add('big');
      const unit = pick(['A', '<b>', 'я ', '𝕏', '&amp;', '<!here> ', '\u200b', '\u202e', ...parts]);
      args = unit.repeat(Math.ceil(10_240 / Math.max(1, unit.length)));
    }
    const plain = random() < 0.04;
    const suffix = random() < 0.03 ? pick(['@kestrel_test_bot', '@another_bot', '@']) : '';
    const text = plain ? args || pick(PIECES.html) : `/${name}${suffix} ${sub} ${args}`.trim();
    out.push({ text: text || '/', families: [...used] });
  }
  return out;
}

/** How many inputs used each family, for the report. */
export function familyCounts(inputs: readonly HostileInput[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const input of inputs) for (const f of input.families) counts[f] = (counts[f] ?? 0) + 1;
  return counts;
}
