import { renderPlain } from '../../adapters/console/render.js';
import { createCommandSet } from '../../src/chat/command-set.js';
import type { CommandContext } from '../../src/chat/context.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { createClassifier } from '../../src/classify/classifier.js';
import { createDeliveryDecisions } from '../../src/delivery/decisions.js';
import { createCorrections } from '../../src/feedback/corrections.js';
import { rememberReply } from '../../src/feedback/lists.js';
import { silentLogger } from '../../src/logger.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { demoStore } from '../chat/demo-store.js';

/** The demo store with the whole command set, feedback wired as `createKestrel` wires it. */
export async function feedbackHarness() {
  const demo = await demoStore();
  const { db, stores, config } = demo;
  const feedback = createFeedbackStore(db);
  const delivery = createDeliveryDecisions({ db, config, watches: stores.watches, logger: silentLogger() });
  const classifier = createClassifier({ brands: brandSpecsOf(stores.watches.list().map((w) => w.spec)) });
  const corrections = createCorrections({
    db,
    feedback,
    signals: createSignalWriter(db),
    classifier: () => classifier,
    jobAlerts: delivery.jobAlerts,
  });
  const registry = createRegistry(
    createCommandSet({
      ...demo,
      dbPath: ':memory:',
      source: null,
      nextPoll: () => null,
      charts: false,
      corrections,
    }),
    { logger: silentLogger(), onReply: (reply, ctx) => rememberReply(feedback, ctx.chat.id, reply, ctx.now) },
  );
  const send = async (text: string, ctx: CommandContext): Promise<Reply> => {
    const reply = await registry.dispatch(text, ctx);
    if (!reply) throw new Error(`${text} was not a command`);
    return reply;
  };
  const plain = async (text: string, ctx: CommandContext) => renderPlain(await send(text, ctx));
  return { ...demo, feedback, corrections, delivery, registry, send, plain };
}
