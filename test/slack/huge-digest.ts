import type { Reply } from '../../src/chat/reply.js';

/** A digest far beyond one message: long text, many figures, 300 items with links, metrics and notes. */
export function hugeDigest(): Reply {
  return {
    title: `Daily digest ${'·'.repeat(200)}`,
    blocks: [
      { type: 'text', heading: 'Summary', text: `${'Длинный абзац про бренды. '.repeat(500)}END-OF-SUMMARY` },
      {
        type: 'figures',
        heading: 'Figures',
        figures: Array.from({ length: 25 }, (_, i) => ({
          label: `Figure ${i}`,
          value: `${i * 7}`,
          note: '+1%',
        })),
      },
      {
        type: 'items',
        heading: 'Posts',
        items: Array.from({ length: 300 }, (_, i) => ({
          author: `@author_${i}`,
          text: `item-${i} ${'текст твита с <тегами> & амперсандами '.repeat(4)}`,
          link: `https://x.com/author_${i}/status/${1_000_000 + i}`,
          metrics: ['♥ 12', '↻ 3'],
          note: i % 3 === 0 ? `note-${i}` : undefined,
        })),
        more: 17,
      },
    ],
    footer: 'Kestrel · footer',
  };
}
