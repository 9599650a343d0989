import { expect, it } from 'vitest';
import type { ChatAdapter, IncomingMessage } from '../../src/chat/adapter.js';
import type { Reply } from '../../src/chat/reply.js';

/** What a platform's test harness gives the shared contract tests. */
export interface AdapterHarness {
  adapter: ChatAdapter;
  /** Makes the platform deliver a text message from a person, as it would arrive. */
  deliver(text: string): Promise<void>;
  /** Texts the platform received from the adapter so far (as the platform stores them), oldest first. */
  delivered(): Promise<string[]>;
  /** The chat id `send` should target to reach the person of `deliver`. */
  chatId: string;
  close(): Promise<void>;
}

const hostile =
  '<b>&amp; "quotes" \'single\' </b> <script>alert(1)</script> & < > *bold* _it_ `code` [x](y) @here <!channel>';

const sample: Reply = {
  title: 'Contract',
  blocks: [
    { type: 'text', text: hostile },
    { type: 'figures', heading: 'Figures', figures: [{ label: 'Mentions', value: '42', note: '+5%' }] },
    {
      type: 'items',
      heading: 'Items',
      items: [
        {
          author: '@kate_backend',
          text: 'A post',
          link: 'https://x.com/kate_backend/status/1',
          metrics: ['♥ 3'],
        },
      ],
    },
  ],
  footer: 'footer',
};

/**
 * The contract every chat adapter passes: incoming commands reach the handler with a context; replies
 * are delivered with their text intact (hostile characters neither lost nor interpreted as markup);
 * long replies are delivered whole.
 */
export function adapterContract(name: string, makeHarness: () => Promise<AdapterHarness>): void {
  it(`${name}: passes incoming commands to the handler with who, where and language`, async () => {
    const h = await makeHarness();
    const seen: IncomingMessage[] = [];
    try {
      await h.adapter.start(async (message) => {
        seen.push(message);
        return { title: 'pong', blocks: [{ type: 'text', text: `got ${message.text}` }] };
      });
      await h.deliver('/ping hello');
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(1);
      const context = seen[0]?.context;
      expect(seen[0]?.text).toBe('/ping hello');
      expect(context?.user.id).toBeTruthy();
      expect(context?.chat.id).toBe(h.chatId);
      expect(['ru', 'en']).toContain(context?.lang);
      await expect
        .poll(async () => (await h.delivered()).join('\n'), { timeout: 5_000 })
        .toContain('got /ping hello');
    } finally {
      await h.adapter.stop();
      await h.close();
    }
  });

  it(`${name}: sends a reply with hostile text intact`, async () => {
    const h = await makeHarness();
    try {
      await h.adapter.start(async () => null);
      const result = await h.adapter.send(h.chatId, sample);
      expect(result.ok).toBe(true);
      const text = (await h.delivered()).join('\n');
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('&amp; "quotes"');
      expect(text).toContain('https://x.com/kate_backend/status/1');
      expect(text).toContain('42');
    } finally {
      await h.adapter.stop();
      await h.close();
    }
  });

  it(`${name}: delivers a very long reply whole, nothing cut silently`, async () => {
    const h = await makeHarness();
    try {
      await h.adapter.start(async () => null);
      const items = Array.from({ length: 120 }, (_, i) => ({
        author: `@user${i}`,
        text: `item-${i} ${'слово '.repeat(30)}`,
      }));
      const result = await h.adapter.send(h.chatId, { title: 'Long', blocks: [{ type: 'items', items }] });
      expect(result.ok).toBe(true);
      const text = (await h.delivered()).join('\n');
      for (let i = 0; i < 120; i++) expect(text).toContain(`item-${i} `);
    } finally {
      await h.adapter.stop();
      await h.close();
    }
  });
}
