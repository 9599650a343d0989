import { describe, expect, it } from 'vitest';
import { execAtWordStart, wordStartSearch } from '../../src/classify/word-start.js';

/** Every match of a global scan, as `index:text`. */
function scanWith(next: (from: number) => RegExpExecArray | null, lastIndex: () => number): string[] {
  const out: string[] = [];
  for (let m = next(0); m !== null; m = next(lastIndex())) out.push(`${m.index}:${m[0]}`);
  return out;
}

const TEXTS = [
  'senior seniority ſenior Senior',
  'xsenior 1senior _senior -senior 𝐀senior 😀senior',
  '\ud835senior \udc00senior',
  '200к 1200к а200к #300к',
  'от 200 000 ₽ до 300к',
];

describe('execAtWordStart', () => {
  for (const source of ['(?<!\\p{L})(?:senior|\\d+к)', '(?<![\\p{L}\\d])(?:senior|от\\s\\d+|\\d+к)']) {
    it(`finds what ${source} finds`, () => {
      const withLookbehind = new RegExp(source, 'giu');
      const search = wordStartSearch(withLookbehind);
      for (const text of TEXTS) {
        const expected = scanWith(
          (from) => {
            withLookbehind.lastIndex = from;
            return withLookbehind.exec(text);
          },
          () => withLookbehind.lastIndex,
        );
        const actual = scanWith(
          (from) => execAtWordStart(search, text, from),
          () => search.re.lastIndex,
        );
        expect(actual).toEqual(expected);
      }
    });
  }

  it('rejects a pattern without a leading lookbehind', () => {
    expect(() => wordStartSearch(/senior/iu)).toThrow();
  });
});
