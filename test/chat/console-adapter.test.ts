import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/console-adapter.js';
import { renderPlain } from '../../adapters/console/render.js';
import { adapterContract } from './adapter-contract.js';

function harness() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c) => {
    printed += String(c);
  });
  const adapter = createConsoleAdapter({
    input,
    output,
    identity: { name: 'tester', chatKind: 'private', lang: 'en', isAdmin: true, timezone: 'UTC' },
    chartsDir: mkdtempSync(join(tmpdir(), 'kestrel-charts-')),
    now: () => Date.UTC(2026, 10, 26),
  });
  return {
    adapter,
    chatId: adapter.chatId,
    deliver: async (text: string) => {
      input.write(`${text}\n`);
    },
    delivered: async () => [printed],
    close: async () => {
      input.end();
    },
  };
}

describe('console adapter', () => {
  adapterContract('console', async () => harness());

  it('renders figures, items with links and metrics, and saves charts to files', () => {
    const text = renderPlain(
      {
        title: 'T',
        blocks: [
          { type: 'figures', figures: [{ label: 'Mentions', value: '42', note: '+5%' }] },
          {
            type: 'items',
            heading: 'Top',
            items: [{ author: '@a', text: 'x\ny', link: 'https://x.com/a/status/1', metrics: ['♥ 1'] }],
            more: 3,
          },
          {
            type: 'chart',
            chart: {
              title: 'Volume',
              alt: '7 days',
              png: new Uint8Array([1]),
              svg: '<svg/>',
              filename: 'v.png',
            },
          },
        ],
        footer: 'F',
      },
      () => '/tmp/v.png',
    );
    expect(text).toContain('Mentions: 42 (+5%)');
    expect(text).toContain('1. @a: x y');
    expect(text).toContain('♥ 1  https://x.com/a/status/1');
    expect(text).toContain('… +3');
    expect(text).toContain('[Volume: /tmp/v.png] 7 days');
    expect(text.endsWith('F')).toBe(true);
  });

  it('answers a line that is not a command with a hint', async () => {
    const h = harness();
    await h.adapter.start(async () => null);
    expect(await h.adapter.receive('hello')).toContain('/help');
    await h.close();
    await h.adapter.stop();
  });
});
