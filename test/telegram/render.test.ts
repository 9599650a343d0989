import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeHtml, htmlToPlain, link } from '../../adapters/telegram/html.js';
import { renderTelegram, type TelegramPart } from '../../adapters/telegram/render.js';
import { splitHtml } from '../../adapters/telegram/split.js';
import type { Reply } from '../../src/chat/reply.js';
import { parseTelegramHtml } from '../fakes/telegram/html-parse.js';

const texts = (parts: TelegramPart[]) => parts.flatMap((p) => (p.kind === 'text' ? [p.html] : []));

/** Every part parses as Telegram HTML within the limit; returns the visible texts. */
function visible(htmls: string[], limit = 4096): string[] {
  return htmls.map((html) => {
    expect(html.length).toBeLessThanOrEqual(limit);
    const parsed = parseTelegramHtml(html);
    if (!parsed.ok) throw new Error(`${parsed.error}\n${html.slice(0, 300)}`);
    return parsed.text;
  });
}

const hostile = '<b>&amp; "q" \'s\' </b> <script>alert(1)</script> & < > &lt; &#60; &nbsp; <a href="x">y</a>';

describe('telegram rendering', () => {
  it('escapes & < > in text and also " in attributes', () => {
    expect(escapeHtml('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
    expect(escapeAttr('x"y&z')).toBe('x&quot;y&amp;z');
    expect(link('https://x.com/a?b=1&c="2"')).toBe(
      '<a href="https://x.com/a?b=1&amp;c=&quot;2&quot;">https://x.com/a?b=1&amp;c="2"</a>',
    );
    expect(link('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(htmlToPlain('<b>a &amp; &lt;b&gt; &quot;x&quot; &#128512;</b>')).toBe('a & <b> "x" 😀');
  });

  it('renders title, figures, items and footer; hostile text shows exactly as written', () => {
    const reply: Reply = {
      title: `Digest ${hostile}`,
      blocks: [
        { type: 'text', heading: 'Note <i>', text: hostile },
        {
          type: 'figures',
          heading: 'Figures',
          figures: [{ label: 'Mentions <x>', value: '42 & more', note: '+5%' }],
        },
        {
          type: 'items',
          heading: 'Top',
          items: [
            {
              author: '@kate <admin>',
              text: `line one\nline two ${hostile}`,
              link: 'https://x.com/kate_backend/status/1?a=1&b="2"',
              metrics: ['♥ 12', '↻ 3'],
              note: 'also posted by 2 & <3>',
            },
          ],
          more: 4,
        },
      ],
      footer: 'Kestrel <footer> & co',
    };
    const [part, ...rest] = renderTelegram(reply);
    expect(rest).toEqual([]);
    expect(part?.kind).toBe('text');
    const html = part?.kind === 'text' ? part.html : '';
    expect(html.startsWith('<b>Digest &lt;b&gt;&amp;amp; "q"')).toBe(true);
    expect(html).toContain('Mentions &lt;x&gt;: <b>42 &amp; more</b> (+5%)');
    expect(html).toContain('1. <b>@kate &lt;admin&gt;</b>: line one line two');
    expect(html).toContain('<a href="https://x.com/kate_backend/status/1?a=1&amp;b=&quot;2&quot;">');
    expect(html).toContain('<i>also posted by 2 &amp; &lt;3&gt;</i>');
    expect(html).toContain('… +4');
    expect(html.endsWith('<i>Kestrel &lt;footer&gt; &amp; co</i>')).toBe(true);
    const [text] = visible([html]);
    expect(text).toContain(hostile);
    expect(text).toContain('♥ 12  ↻ 3  https://x.com/kate_backend/status/1?a=1&b="2"');
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok && parsed.entities.find((e) => e.type === 'text_link')?.url).toBe(
      'https://x.com/kate_backend/status/1?a=1&b="2"',
    );
  });

  it('splits a long reply between items, every part valid and at most 4096, nothing lost or repeated', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      author: `@user${i}`,
      text: `item-${i} ${'<tag> & "quoted" '.repeat(8)}`,
      link: `https://x.com/u/status/${i}`,
    }));
    const parts = texts(
      renderTelegram({ title: 'Long', blocks: [{ type: 'items', heading: 'All', items }] }),
    );
    expect(parts.length).toBeGreaterThan(3);
    const shown = visible(parts);
    const all = shown.join('\n');
    for (let i = 0; i < 300; i++) {
      expect(all.split(`item-${i} `).length - 1).toBe(1);
      // An item is never cut between messages.
      expect(shown.some((t) => t.includes(`item-${i} `) && t.includes(`https://x.com/u/status/${i}`))).toBe(
        true,
      );
    }
  });

  it('splits one over-long text block at whitespace, keeping entities whole', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}&<>`);
    const text = words.join(' ');
    const parts = texts(renderTelegram({ title: 'T', blocks: [{ type: 'text', heading: 'H', text }] }));
    expect(parts.length).toBeGreaterThan(4);
    const shown = visible(parts);
    const rejoined = shown.join(' ').replace(/\s+/g, ' ');
    expect(rejoined).toContain(text);
    for (const part of parts) expect(part).not.toMatch(/&(a|am|l|g|amp|lt|gt)?$/);
  });

  it('cuts a word longer than a message between characters, never inside an entity or a surrogate pair', () => {
    const word = '😀&<'.repeat(3000);
    const parts = texts(renderTelegram({ title: 'Word', blocks: [{ type: 'text', text: word }] }));
    const shown = visible(parts);
    expect(shown.slice(1).join('')).toBe(word);
    expect(shown[0]?.startsWith('Word')).toBe(true);
  });

  it('closes and reopens tags around a split inside formatted text', () => {
    const html = `<b>${'bold words '.repeat(100)}</b> plain <i>${'x '.repeat(50)}</i>`;
    const parts = splitHtml(html, 200);
    const shown = visible(parts, 200);
    expect(shown.join('').replace(/\s+/g, ' ')).toBe(htmlToPlain(html).replace(/\s+/g, ' '));
    for (const part of parts.slice(1, 4)) expect(part.startsWith('<b>')).toBe(true);
  });

  it('holds on random hostile input at random limits (property)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      '<',
      '>',
      '&',
      '"',
      "'",
      ' ',
      '\n',
      'a',
      'bb',
      'слово',
      '😀',
      '&amp;',
      '<b>',
      '</i>',
      '&#60;',
      'https://x',
    ];
    for (let round = 0; round < 60; round++) {
      const limit = 120 + Math.floor(random() * 600);
      const make = (n: number) =>
        Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const reply: Reply = {
        title: make(10),
        blocks: [
          { type: 'text', text: make(200) },
          {
            type: 'items',
            items: Array.from({ length: 8 }, () => ({
              author: make(3),
              text: make(60),
              link: 'https://x.com/a',
            })),
          },
        ],
        footer: make(5),
      };
      const shown = visible(texts(renderTelegram(reply, { maxLength: limit })), limit);
      const flat = shown.join('').replace(/\s+/g, '');
      expect(flat).toContain((reply.blocks[0] as { text: string }).text.replace(/\s+/g, ''));
    }
  });

  it('sends charts as photos with an escaped caption of at most 1024, the rest of a long alt as text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const chart = {
      title: 'Volume <7d>',
      alt: `A & B ${'x'.repeat(2000)} end`,
      png,
      svg: '<svg/>',
      filename: 'v 1.png',
    };
    const parts = renderTelegram({
      title: 'Chart',
      blocks: [
        { type: 'text', text: 'before' },
        { type: 'chart', chart },
        { type: 'text', text: 'after' },
      ],
    });
    expect(parts.map((p) => p.kind)).toEqual(['text', 'photo', 'text']);
    const photo = parts[1];
    if (photo?.kind !== 'photo') throw new Error('no photo');
    expect(photo.filename).toBe('v_1.png');
    expect(photo.caption.length).toBeLessThanOrEqual(1024);
    expect(photo.caption.startsWith('<b>Volume &lt;7d&gt;</b>\nA &amp; B')).toBe(true);
    visible([photo.caption], 1024);
    const after = parts[2]?.kind === 'text' ? parts[2].html : '';
    expect(after).toContain(' end');
    expect(after).toContain('after');
  });
});
