import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../src/x/json-bytes.js';
import { randomTexts } from './helpers.js';

/** Real recorded responses beside the checkout (see ../shared/fixtures/SOURCES.md). */
const X_API = '../shared/fixtures/x-api';
if (!existsSync(X_API)) console.warn(`recorded X API responses skipped: ${X_API} not found`);

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const same = (json: string) => expect(parseJsonBytes(utf8(json))).toEqual(JSON.parse(json));

describe('parseJsonBytes', () => {
  it('reads Cyrillic, emoji and ASCII exactly as JSON.parse of the decoded text', () => {
    same('{"text":"Ищем backend-разработчика 🚀, зарплата от 200 000 ₽","lang":"ru","n":[1,2.5,null,true]}');
    same('{"data":[{"id":"1","text":"ёлки «Яндекс» — Yandex’s 😀😀 中文"}],"meta":{"result_count":1}}');
  });

  it('keeps \\u escapes beside raw bytes in one string, and non-ASCII keys', () => {
    same('{"text":"Привет \\ud83d\\ude00 мир \\u0416 ok","ключ":"значение","a\\"b":"\\\\u00e9"}');
  });

  it('falls back to decoding when an escape names a character 0x80–0xFF', () => {
    same('{"text":"caf\\u00e9 и кофе","other":"\\u00FF"}');
  });

  it('turns invalid UTF-8 into U+FFFD like the decoder, and rejects what JSON.parse rejects', () => {
    const bytes = new Uint8Array([...utf8('{"t":"a'), 0xff, 0xc3, ...utf8('b"}')]);
    expect(parseJsonBytes(bytes)).toEqual(JSON.parse(Buffer.from(bytes).toString('utf8')));
    expect(() => parseJsonBytes(utf8('{"t":"Привет"'))).toThrow(SyntaxError);
  });

  it('matches JSON.parse on random documents', () => {
    const alphabet = [
      'a',
      'Z',
      ' ',
      '"',
      '\\',
      'я',
      'Ё',
      '€',
      '😀',
      '\u0000',
      '\n',
      '\u00e9',
      '\u0416',
      '\ud83d',
    ];
    const text = randomTexts(5, alphabet, 12);
    for (let i = 0; i < 500; i++) {
      // JSON.stringify escapes lone surrogates and control characters, and writes the rest raw.
      same(JSON.stringify({ [text()]: text(), list: [text(), { deep: text() }], n: i }));
    }
  });

  it.skipIf(!existsSync(X_API))('reads the recorded X API responses line by line', () => {
    const files = readdirSync(X_API).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const line of readFileSync(join(X_API, file), 'utf8').split('\n')) if (line.trim()) same(line);
    }
  });
});
