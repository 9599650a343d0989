import { beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import type { LabelModelChoice } from '../../src/pipeline/prepare.js';
import { createTeamModelStore, type TeamModelStore } from '../../src/store/team-model-store.js';
import { createTeamLearning, type TeamLearning } from '../../src/teach/team-learning.js';
import { loadGuardSet } from '../../src/teach/training-items.js';
import { makeContext } from '../chat/demo-store.js';
import { feedbackHarness } from '../feedback/harness.js';

type Harness = Awaited<ReturnType<typeof feedbackHarness>>;
let h: Harness;
let models: TeamModelStore;
let teach: TeamLearning;
let told: (string | null)[];
const clock = createManualClock(makeContext().now);

const admin = makeContext();

beforeEach(async () => {
  h = await feedbackHarness();
  models = createTeamModelStore(h.db);
  told = [];
  teach = createTeamLearning({
    feedback: h.feedback,
    models,
    clock,
    logger: silentLogger(),
    retrainEvery: 3,
    guardMargin: 0.01,
    guardSet: () => loadGuardSet('test/fixtures/labelled/dev.jsonl'),
    onModel: (choice: LabelModelChoice | null) => told.push(choice?.key ?? null),
    crossValidate: false,
  });
}, 60_000);

/** Votes as the app does: the vote, then the team model counts it. */
async function vote(text: string) {
  const answer = await h.plain(text, { ...admin, now: clock.now() });
  teach.afterVote();
  return answer;
}

describe('the team model in a running Kestrel', () => {
  it('retrains on a worker after 3 votes, is measured on the guard set and used', {
    timeout: 60_000,
  }, async () => {
    teach.start();
    expect(told).toEqual([null]); // nothing trained yet: the shipped model
    await h.plain('/digest', admin);
    await vote('/feedback 1 other');
    await vote('/feedback 2 promo');
    expect(models.history(5)).toEqual([]); // 2 votes: not yet
    await vote('/feedback 3 discussion');
    await teach.idle();
    const [row] = models.history(5);
    expect(row).toMatchObject({ corrections: 3, accepted: true, active: true });
    const figures = row?.figures as { guard: { before: { items: number }; after: { macroF1: number } } };
    expect(figures.guard.before.items).toBe(651);
    expect(told).toEqual([null, `team-${row?.id}`]);
    expect(models.active()?.model.name).toMatch(/\+team$/);
    // A new Kestrel on the same store reads with it from the start.
    const again: (string | null)[] = [];
    createTeamLearning({
      feedback: h.feedback,
      models,
      clock,
      logger: silentLogger(),
      retrainEvery: 3,
      guardMargin: 0.01,
      guardSet: () => [],
      onModel: (choice) => again.push(choice?.key ?? null),
    }).start();
    expect(again).toEqual([`team-${row?.id}`]);

    expect(teach.reset()).toBe(true);
    expect(told.at(-1)).toBeNull();
    expect(models.active()).toBeNull();
    expect(teach.reset()).toBe(false);
  });

  it('does not use a model that got worse on the guard set (a prankster relabels everything)', {
    timeout: 60_000,
  }, async () => {
    teach.start();
    const seqs = h.db.prepare('SELECT seq FROM tweets ORDER BY seq LIMIT 300').pluck().all() as number[];
    h.db.transaction(() => {
      for (const seq of seqs) {
        h.feedback.vote({
          tweetSeq: seq,
          chatId: 'telegram:-100',
          personId: 'telegram:666',
          admin: true,
          at: clock.now(),
          kind: 'label',
          brand: '',
          value: 'job_seeker',
        });
        h.feedback.setOverride(seq, 'label', '', 'job_seeker', clock.now());
      }
    })();
    const outcome = await teach.retrain('test');
    expect(outcome.status).toBe('rejected');
    if (outcome.status !== 'rejected') return;
    expect(outcome.figures.guard.after.macroF1).toBeLessThan(outcome.figures.guard.before.macroF1 - 0.01);
    expect(models.active()).toBeNull();
    expect(told).toEqual([null]); // still the shipped model
    expect(models.history(1)[0]).toMatchObject({ accepted: false, active: false, corrections: 300 });
  });

  it('has nothing to learn without decided corrections, and a missing guard set is one clear error', async () => {
    expect(await teach.retrain('test')).toEqual({ status: 'nothing' });
    expect(() => loadGuardSet('no/such/set.jsonl')).toThrow(
      /teach\.guardSet: no labelled set at no\/such\/set\.jsonl/,
    );
  });
});
