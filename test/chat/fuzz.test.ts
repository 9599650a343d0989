import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../adapters/console/render.js';
import type { Command } from '../../src/chat/command.js';
import { createCommandSet } from '../../src/chat/command-set.js';
import { createRegistry } from '../../src/chat/registry.js';
import { demoStore, makeContext } from './demo-store.js';

const STRINGS = 10_000;

/** Deterministic random and hostile argument strings. */
function hostileStrings(count: number): string[] {
  let seed = 1234567;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const pieces = [
    'yandex',
    'Яндекс',
    '@yandex',
    '#яндекс',
    'add',
    'remove',
    'list',
    'pause',
    'brand',
    'topic',
    'jobs',
    'expert',
    'digest',
    'off',
    '7d',
    '24h',
    '30d',
    '90d',
    'ru',
    'en',
    'remote',
    'salary>=200k',
    'RUB',
    'in',
    'Москва',
    '09:00',
    'Europe/Moscow',
    'OR',
    'AND',
    'NOT',
    'NEAR',
    'from:elon',
    '-foo',
    '(',
    ')',
    '"',
    '""',
    "'",
    '*',
    '^',
    ':',
    '\\',
    '%',
    '_',
    '--',
    ';',
    'DROP TABLE tweets;',
    '<b>',
    '&amp;',
    '</script>',
    '$\u{7b}x}',
    '{{x}}',
    '\u0000',
    '\u0007',
    '\u202e',
    '\u200b',
    '\uFEFF',
    '\ud83d',
    '🔥',
    '👨‍👩‍👧',
    '🇷🇺',
    'é',
    'ё',
    'ẞ',
    '１２３',
    '0',
    '-1',
    '1e309',
    'NaN',
    '999999999999999999999',
    '@',
    '#',
    '@@',
    'x'.repeat(50),
    'я'.repeat(30),
    '\n',
    '\t',
    '\r\n',
    ' ',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
      random() < 0.15 ? String.fromCodePoint(Math.floor(random() * 0x2ffff)) : pick(pieces),
    );
    let s = parts.join(random() < 0.7 ? ' ' : '');
    if (random() < 0.03) s = s.repeat(40);
    out.push(s);
  }
  return out;
}

let commands: Command[];
beforeAll(async () => {
  const demo = await demoStore();
  commands = createCommandSet({
    ...demo,
    dbPath: ':memory:',
    source: null,
    nextPoll: () => null,
    charts: false,
  });
}, 60_000);

describe('fuzzing every command with hostile arguments', () => {
  it(`${STRINGS} strings per command: no crash, every reply renders`, async () => {
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(line.slice(0, 400)) });
    const registry = createRegistry(commands, { logger });
    const strings = hostileStrings(STRINGS);
    const contexts = [
      makeContext(),
      makeContext({ lang: 'ru', chat: { id: 'console:team', kind: 'group' }, isAdmin: false }),
    ];
    for (const command of commands) {
      for (let i = 0; i < strings.length; i++) {
        const ctx = contexts[i % 2] as (typeof contexts)[number];
        const reply = await registry.dispatch(`/${command.name} ${strings[i]}`, ctx);
        expect(reply).not.toBeNull();
        const text = renderPlain(reply as NonNullable<typeof reply>);
        expect(text.length).toBeGreaterThan(0);
      }
    }
    expect(errors).toEqual([]);
  }, 600_000);
});
