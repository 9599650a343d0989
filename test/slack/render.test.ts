import { describe, expect, it } from 'vitest';
import { charsOf, textsOf } from '../../adapters/slack/blocks.js';
import { chunkText } from '../../adapters/slack/chunk.js';
import { messageCommandText, slashCommandText } from '../../adapters/slack/incoming.js';
import { escapeMrkdwn, mrkdwnLink, readIncoming } from '../../adapters/slack/mrkdwn.js';
import { renderReply } from '../../adapters/slack/render.js';
import { splitMessages } from '../../adapters/slack/split.js';
import { blockChars, validateBlocks } from '../fakes/slack/block-kit.js';
import { visibleText } from '../fakes/slack/server.js';
import { hugeDigest } from './huge-digest.js';

const hostile = '<!channel> <@U0BOSS> <https://evil.example|click me> & &amp; </section> *x* `y`';

describe('slack rendering', () => {
  it('escapes hostile text so it can neither ping nor link, and keeps it readable', () => {
    const rendered = renderReply({ title: 'T <b>', blocks: [{ type: 'text', text: hostile }] });
    const [message] = splitMessages(rendered);
    const section = message?.blocks[1];
    const text = section && section.type === 'section' ? section.text?.text : '';
    expect(text).toBe(
      '&lt;!channel&gt; &lt;@U0BOSS&gt; &lt;https://evil.example|click me&gt; &amp; &amp;amp; &lt;/section&gt; *x* `y`',
    );
    expect(text).not.toMatch(/[<>]/);
    expect(visibleText(message?.blocks ?? [])).toContain(hostile);
    // The fallback text is mrkdwn as well, so it is escaped too.
    expect(message?.text).not.toMatch(/[<>]/);
  });

  it('writes links as <url|text> with | and > in the text escaped and the URL kept whole', () => {
    expect(mrkdwnLink('https://x.com/a/status/1', 'a | b > c & d')).toBe(
      '<https://x.com/a/status/1|a ∣ b &gt; c &amp; d>',
    );
    expect(mrkdwnLink('https://e.com/?q=a|b&c=<d>')).toBe('<https://e.com/?q=a%7Cb&amp;c=%3Cd%3E>');
    expect(escapeMrkdwn('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
  });

  it('keeps headers within 150 characters and repeats a longer title whole', () => {
    const title = `T${'x'.repeat(300)}`;
    const [message] = splitMessages(renderReply({ title, blocks: [] }));
    const header = message?.blocks[0];
    expect(header?.type).toBe('header');
    expect(header && header.type === 'header' ? [...header.text.text].length : 0).toBeLessThanOrEqual(150);
    expect(visibleText(message?.blocks ?? [])).toContain(title);
  });

  it('puts figures in fields, at most 10 to a section', () => {
    const figures = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `${i}` }));
    const rendered = renderReply({ title: 'F', blocks: [{ type: 'figures', figures }] });
    const sections = rendered.groups.flat().filter((b) => b.type === 'section' && b.fields);
    expect(sections.map((s) => (s.type === 'section' ? s.fields?.length : 0))).toEqual([10, 10, 3]);
  });

  it('splits a huge digest into valid messages and loses nothing', () => {
    const digest = hugeDigest();
    const messages = splitMessages(renderReply(digest));
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) {
      expect(validateBlocks(m.blocks)).toEqual([]);
      expect(blockChars(m.blocks)).toBeLessThanOrEqual(12_000);
      expect(m.text.length).toBeGreaterThan(0);
    }
    const all = messages.map((m) => visibleText(m.blocks)).join('\n');
    expect(all).toContain('END-OF-SUMMARY');
    expect(all).toContain(digest.title);
    let last = -1;
    for (let i = 0; i < 300; i++) {
      const at = all.indexOf(`item-${i} `);
      expect(at, `item-${i}`).toBeGreaterThan(last);
      last = at;
      expect(all).toContain(`https://x.com/author_${i}/status/${1_000_000 + i}`);
    }
    for (let i = 0; i < 25; i++) expect(all).toContain(`Figure ${i}`);
    expect(all).toContain('… +17');
    expect(all).toContain('Kestrel · footer');
    expect(all).toContain('текст твита с <тегами> & амперсандами');
    // An item's metrics line stays in the same message as the item.
    for (const m of messages) expect(m.blocks[0]?.type).not.toBe('context');
  });

  it('cuts long text at line breaks, never inside an entity or a surrogate pair, and keeps every character', () => {
    const text = escapeMrkdwn(`${'a&b '.repeat(400)}\n${'😀'.repeat(3000)}`);
    const pieces = chunkText(text, 3000);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).not.toMatch(/&(a|am|amp)?$/);
      expect(p.charCodeAt(p.length - 1) >= 0xd800 && p.charCodeAt(p.length - 1) <= 0xdbff).toBe(false);
    }
    expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(charsOf({ type: 'context', elements: [{ type: 'mrkdwn', text: 'abc' }] })).toBe(3);
    expect(textsOf({ type: 'divider' })).toEqual([]);
  });
});

describe('slack incoming text', () => {
  it('reads slash commands, the umbrella command and the public flag', () => {
    expect(slashCommandText('/mentions', 'yandex 7d', 'kestrel')).toEqual({
      text: '/mentions yandex 7d',
      public: false,
    });
    expect(slashCommandText('/mentions', 'yandex public', 'kestrel')).toEqual({
      text: '/mentions yandex',
      public: true,
    });
    expect(slashCommandText('/kestrel', 'jobs', 'kestrel')).toEqual({ text: '/jobs', public: false });
    expect(slashCommandText('/kestrel', '/watch list public', 'kestrel')).toEqual({
      text: '/watch list',
      public: true,
    });
    expect(slashCommandText('/kestrel', '', 'kestrel')).toEqual({ text: '/help', public: false });
    expect(slashCommandText('/watch', 'add topic a &amp; b &lt;c&gt;', 'kestrel').text).toBe(
      '/watch add topic a & b <c>',
    );
  });

  it('reads mentions and DMs with or without a slash', () => {
    expect(messageCommandText('<@U0KESTREL> mentions yandex', ['U0KESTREL'])).toBe('/mentions yandex');
    expect(messageCommandText('<@U0KESTREL|kestrel>: /mentions yandex', ['U0KESTREL'])).toBe(
      '/mentions yandex',
    );
    expect(messageCommandText('mentions yandex')).toBe('/mentions yandex');
    expect(messageCommandText('<@U0KESTREL>', ['U0KESTREL'])).toBe('/help');
    expect(messageCommandText('<@U0OTHER> hi', ['U0KESTREL'])).toBe('/@U0OTHER hi');
    expect(readIncoming('watch add expert <@U1|kate> <https://yandex.ru|yandex.ru> <!here> &lt;x&gt;')).toBe(
      'watch add expert @kate yandex.ru @here <x>',
    );
  });
});
