/**
 * The team model's life in a running Kestrel: after every `retrainEvery` new votes (and nightly when there are
 * any), the shipped label model is retrained with the team's decided corrections on a worker thread; the result
 * is used only if the guard lets it (not worse on the shipped labelled set by more than the margin), and every
 * retraining is recorded with its figures (`kestrel model status`). `reset` goes back to the shipped model.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { SHIPPED_MODELS } from '../classify/classifier.js';
import type { TrainingItem } from '../classify/train/train-model.js';
import type { Clock } from '../clock.js';
import type { LinearModelFile } from '../learn/model-file.js';
import type { Logger } from '../logger.js';
import type { LabelModelChoice } from '../pipeline/prepare.js';
import type { FeedbackStore } from '../store/feedback-store.js';
import type { TeamModelRow, TeamModelStore } from '../store/team-model-store.js';
import { type RetrainResult, retrainInWorker } from './retrain-in-worker.js';
import type { RetrainInput, TeamFigures } from './team-figures.js';
import { TEAM_RECIPE } from './team-trainer.js';
import { correctionItems } from './training-items.js';

/** What a retraining came to. */
export type RetrainOutcome =
  | { status: 'accepted' | 'rejected'; row: TeamModelRow; figures: TeamFigures }
  /** No decided label corrections yet: nothing to learn from. */
  | { status: 'nothing' };

export interface TeamLearningDeps {
  feedback: Pick<FeedbackStore, 'labelCorrections' | 'votesSince'>;
  models: TeamModelStore;
  clock: Clock;
  logger: Logger;
  /** Retrain after this many votes since the last retraining (0: never on votes). */
  retrainEvery: number;
  guardMargin: number;
  /** The shipped labelled set the guard measures on; read when a retraining starts. */
  guardSet: () => TrainingItem[];
  /** Told the label model to read with: at start, after an accepted retraining, after a reset. */
  onModel: (choice: LabelModelChoice | null) => void;
  /** The model corrections move (default the shipped label model). */
  base?: LinearModelFile;
  /** Where the training runs (default a worker thread of its own). */
  retrain?: (input: RetrainInput) => Promise<RetrainResult>;
  /** Cross-validate the corrections on every retraining, for `kestrel model status` (default true). */
  crossValidate?: boolean;
}

export interface TeamLearning {
  /** Reads with the active team model, if any (tells `onModel`). */
  start(): void;
  /** After a vote: starts a retraining in the background when `retrainEvery` votes came since the last one. */
  afterVote(): void;
  /** Retrains now (one at a time: a call while one runs gets that one). */
  retrain(reason: string): Promise<RetrainOutcome>;
  /** Runs the nightly retraining at `expression` in `timezone`, when votes came since the last one. */
  scheduleNightly(
    expression: string,
    timezone: string,
    guard?: (run: () => Promise<void>) => Promise<void>,
  ): void;
  /** Back to the shipped model; true when a team model was in use. */
  reset(): boolean;
  /** The retraining under way, if any, finished (for shutdown and tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createTeamLearning(deps: TeamLearningDeps): TeamLearning {
  const base = deps.base ?? SHIPPED_MODELS.label;
  const run = deps.retrain ?? retrainInWorker;
  let running: Promise<RetrainOutcome> | null = null;
  let nightly: ScheduledTask | null = null;

  const choiceOf = (row: TeamModelRow, file: LinearModelFile): LabelModelChoice => ({
    key: `team-${row.id}`,
    file,
  });
  const newVotes = () => deps.feedback.votesSince((deps.models.lastTrainedAt() ?? -1) + 1);

  async function retrainOnce(reason: string): Promise<RetrainOutcome> {
    const corrections = correctionItems(deps.feedback.labelCorrections());
    if (corrections.length === 0) return { status: 'nothing' };
    const startedAt = deps.clock.now();
    const { model, figures } = await run({
      base,
      corrections,
      guard: deps.guardSet(),
      margin: deps.guardMargin,
      recipe: TEAM_RECIPE,
      crossValidate: deps.crossValidate ?? true,
    });
    const row = deps.models.record({
      trainedAt: startedAt,
      corrections: corrections.length,
      accepted: figures.accepted,
      figures: { ...figures, reason },
      model,
    });
    const { before, after } = figures.guard;
    const fields = {
      id: row.id,
      reason,
      corrections: corrections.length,
      before,
      after,
      seconds: figures.trainSeconds,
    };
    if (figures.accepted) {
      deps.onModel(choiceOf(row, model));
      deps.logger.info(fields, 'team model retrained and in use');
      return { status: 'accepted', row, figures };
    }
    deps.logger.warn(
      fields,
      'team model retrained but not used: worse than the shipped model on the guard set',
    );
    return { status: 'rejected', row, figures };
  }

  function retrain(reason: string): Promise<RetrainOutcome> {
    if (running) return running;
    running = retrainOnce(reason).finally(() => {
      running = null;
    });
    return running;
  }

  const background = (reason: string) => {
    retrain(reason).catch((error: unknown) =>
      deps.logger.error({ err: error, reason }, 'team model retraining failed; the model in use stays'),
    );
  };

  return {
    start() {
      const active = deps.models.active();
      deps.onModel(active ? choiceOf(active.row, active.model) : null);
    },
    afterVote() {
      if (deps.retrainEvery > 0 && !running && newVotes() >= deps.retrainEvery) background('votes');
    },
    retrain,
    scheduleNightly(expression, timezone) {
      if (expression === 'off') return;
      nightly = cron.schedule(
        expression,
        () => {
          if (!running && newVotes() > 0) background('nightly');
        },
        { timezone, noOverlap: true, name: 'kestrel-team-model' },
      );
    },
    reset() {
      const was = deps.models.reset();
      deps.onModel(null);
      return was;
    },
    async idle() {
      await running?.catch(() => {});
    },
    async stop() {
      await nightly?.destroy();
      nightly = null;
      await running?.catch(() => {});
    },
  };
}
