import { describe, expect, it } from 'vitest';
import {
  isStopWord,
  normalizeText,
  prepareText,
  stem,
  type Token,
  tokenize,
} from '../../src/classify/text.js';

function kinds(tokens: Token[]): string[] {
  return tokens.map((t) => `${t.kind}:${t.text}`);
}

describe('normalizeText', () => {
  it('applies NFKC, lower case, ё→е and collapses whitespace', () => {
    expect(normalizeText('  Ёлка\n\n ＡＢＣ\tИщем  ')).toBe('елка abc ищем');
  });

  it('is locale-independent for dotted and dotless i', () => {
    expect(normalizeText('HIRING Istanbul')).toBe('hiring istanbul');
  });

  it('drops soft hyphens and zero-width spaces', () => {
    expect(normalizeText('ва\u00adкан\u200bсия')).toBe('вакансия');
  });
});

describe('tokenize', () => {
  it('keeps typed tokens for urls, emails, mentions, hashtags and cashtags', () => {
    const text = 'Пиши @ivan_hr или hr@corp.ru, #вакансия #remote $TSLA https://t.co/AbC1';
    expect(kinds(tokenize(text))).toEqual([
      'word:пиши',
      'mention:@ivan_hr',
      'word:или',
      'email:hr@corp.ru',
      'punct:,',
      'hashtag:#вакансия',
      'hashtag:#remote',
      'cashtag:$tsla',
      'url:https://t.co/abc1',
    ]);
  });

  it('recognises bare domains and t.me links without swallowing trailing punctuation', () => {
    const tokens = tokenize('Вакансии: hh.ru/vacancy/123. Канал (t.me/jobs), сайт yandex.ru!');
    expect(tokens.filter((t) => t.kind === 'url').map((t) => t.text)).toEqual([
      'hh.ru/vacancy/123',
      't.me/jobs',
      'yandex.ru',
    ]);
    expect(tokens.at(-1)?.text).toBe('!');
  });

  it('keeps a closing parenthesis that belongs to the url', () => {
    const tokens = tokenize('see https://en.wikipedia.org/wiki/Kestrel_(bird).');
    expect(tokens[1]?.text).toBe('https://en.wikipedia.org/wiki/kestrel_(bird)');
  });

  it('does not take abbreviations or file names for domains', () => {
    const urls = tokenize('т.е. e.g. node.js и т.к. vue.js').filter((t) => t.kind === 'url');
    expect(urls).toEqual([]);
  });

  it('keeps hyphenated words whole and exposes their parts', () => {
    const [a, b] = tokenize('Full-stack backend-разработчик');
    expect(a).toMatchObject({ kind: 'word', text: 'full-stack', parts: ['full', 'stack'] });
    expect(b).toMatchObject({ kind: 'word', text: 'backend-разработчик', parts: ['backend', 'разработчик'] });
  });

  it('treats words with digits and tech jargon as words', () => {
    const words = tokenize('k8s, 1С, web3, C++, C#, .NET, 200k').map((t) => `${t.kind}:${t.text}`);
    expect(words.filter((w) => w.startsWith('word:'))).toEqual([
      'word:k8s',
      'word:1с',
      'word:web3',
      'word:c++',
      'word:c#',
      'word:.net',
      'word:200k',
    ]);
  });

  it('reads numbers with thousand separators', () => {
    const numbers = tokenize('от 200 000 ₽ до 1,5 млн, 3.5 года').filter((t) => t.kind === 'number');
    expect(numbers.map((t) => t.text)).toEqual(['200 000', '1,5', '3.5']);
  });

  it('keeps emoji sequences (ZWJ, skin tones, flags, keycaps) whole', () => {
    const emoji = tokenize('🚀👩‍💻👍🏽🇷🇺1️⃣').filter((t) => t.kind === 'emoji');
    expect(emoji.map((t) => t.text)).toEqual(['🚀', '👩‍💻', '👍🏽', '🇷🇺', '1️⃣']);
  });

  it('gives offsets into the original text even when NFKC changes lengths', () => {
    const text = 'ﬁx Ｈｉｒｉｎｇ ① café Ёж 🇷🇺 #Найм';
    const tokens = tokenize(text);
    for (const t of tokens) {
      expect(normalizeText(text.slice(t.start, t.end))).toBe(t.text);
    }
    expect(tokens[0]).toMatchObject({ text: 'fix', start: 0, end: 2 });
    expect(tokens.map((t) => t.text)).toContain('hiring');
  });

  it('returns nothing for an empty or blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ')).toEqual([]);
  });
});

describe('stem', () => {
  it('uses the Russian stemmer for Cyrillic and the English one for Latin', () => {
    expect(stem('разработчика')).toBe(stem('разработчик'));
    expect(stem('вакансии')).toBe(stem('вакансия'));
    expect(stem('hiring')).toBe('hire');
    expect(stem('developers')).toBe(stem('developer'));
  });

  it('chooses by the last letter for mixed hyphenated words', () => {
    expect(stem('backend-разработчика')).toBe('backend-разработчик');
  });

  it('leaves numbers and other scripts alone and is stable when cached', () => {
    expect(stem('2024')).toBe('2024');
    expect(stem('東京')).toBe('東京');
    expect(stem('скидки')).toBe(stem('скидки'));
  });
});

describe('isStopWord', () => {
  it('knows Russian and English stop words', () => {
    expect(isStopWord('и')).toBe(true);
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('ещё')).toBe(true);
    expect(isStopWord('вакансия')).toBe(false);
    expect(isStopWord('developer')).toBe(false);
  });
});

describe('fast normalisation paths', () => {
  // NFKC, lower case, ё→е and invisible characters dropped, token by token: what every token's text must be.
  const reference = (raw: string): string =>
    raw
      .normalize('NFKC')
      .toLowerCase()
      .replaceAll('ё', 'е')
      .replace(/[\u00ad\u200b\u2060\ufeff]/g, '');
  const tricky = [
    'Ищем Senior Go-разработчика в Москве. ЗП от 300к, пишите @hr_team или hr@corp.ru',
    'ΑΣ.Β ΟΔΟΣ’Α İstanbul ſtraße K-pop',
    'ｆｕｌｌ-ｓｔａｃｋ ﬁx №5 Ⅻ² e\u0301 и\u0306 при\u00adвет zero\u200bwidth',
    'Ёлка ❤️ 👨‍💻 1️⃣ #Вакансия $TSLA c# C++ .NET https://hh.ru/vacancy/1). сайт.рф',
    "200\u00a0000 ₽ — don’t can't rock’n’roll x‐y",
  ];

  it('gives every token the normalised text of its span', () => {
    for (const text of tricky) {
      for (const t of tokenize(text)) expect(t.text).toBe(reference(text.slice(t.start, t.end)));
    }
  });

  it('prepares the same tokens and normalised text as tokenize and normalizeText', () => {
    for (const text of tricky) {
      const prepared = prepareText(text);
      expect(prepared.tokens).toEqual(tokenize(text));
      expect(prepared.normalized).toBe(normalizeText(text));
      expect(prepared.normalized).toBe(reference(text).replace(/\s+/g, ' ').trim());
    }
  });
});
