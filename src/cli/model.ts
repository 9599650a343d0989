import type { Writable } from 'node:stream';
import type { Kestrel } from '../app.js';
import { SHIPPED_MODELS } from '../classify/classifier.js';
import { KestrelError } from '../errors.js';
import type { TeamModelRow } from '../store/team-model-store.js';
import type { Figures, TeamFigures } from '../teach/team-figures.js';

const USAGE = 'usage: kestrel model status | kestrel model retrain | kestrel model reset';

/**
 * `kestrel model status` (the label model in use, the team's retrainings with their figures before and after),
 * `kestrel model retrain` (now, on a worker thread, guarded) and `kestrel model reset` (back to the shipped model).
 */
export async function runModel(kestrel: Kestrel, action: string | undefined, out: Writable): Promise<number> {
  if (action === 'status') {
    out.write(`${modelStatusText(kestrel)}\n`);
    return 0;
  }
  if (action === 'reset') {
    const was = kestrel.teach.reset();
    out.write(
      was
        ? `Back to the shipped model (${SHIPPED_MODELS.label.name}). Tweets read by the team model keep their readings until kestrel reclassify; the team's corrections stay.\n`
        : `The shipped model (${SHIPPED_MODELS.label.name}) is already in use.\n`,
    );
    return 0;
  }
  if (action === 'retrain') {
    out.write('Retraining the team model on the corrections (a worker thread)…\n');
    const outcome = await kestrel.teach.retrain('kestrel model retrain');
    if (outcome.status === 'nothing') {
      out.write('Nothing to learn from: no label corrections decided yet (/feedback <n> <label>).\n');
      return 0;
    }
    out.write(`${rowLine(outcome.row)}\n`);
    return 0;
  }
  throw new KestrelError('INPUT_INVALID', USAGE);
}

/** What `kestrel model status` prints. */
export function modelStatusText(kestrel: Kestrel): string {
  const active = kestrel.teamModels.active();
  const lines = [
    active
      ? `In use: team model #${active.row.id} (${active.model.name}), trained ${iso(active.row.trainedAt)} on ${active.row.corrections} corrections`
      : `In use: the shipped model (${SHIPPED_MODELS.label.name})`,
    `Retrains after ${kestrel.config.teach.retrainEvery} new votes and at "${kestrel.config.teach.nightly}" (${kestrel.config.poll.timezone}); guard margin ${kestrel.config.teach.guardMargin} on ${kestrel.config.teach.guardSet}`,
  ];
  const history = kestrel.teamModels.history(5);
  if (history.length === 0) lines.push('No retraining yet.');
  else lines.push('Latest retrainings:', ...history.map((row) => `  ${rowLine(row)}`));
  return lines.join('\n');
}

function rowLine(row: TeamModelRow): string {
  const f = row.figures as TeamFigures & { reason?: string };
  const verdict = row.accepted ? (row.active ? 'in use' : 'accepted, replaced since') : 'not used (guard)';
  const cv = f.crossValidated
    ? `; corrections cross-validated: ${pair(f.crossValidated.before, f.crossValidated.after)}`
    : '';
  return `#${row.id} ${iso(row.trainedAt)} ${row.corrections} corrections, ${verdict}${f.reason ? ` (${f.reason})` : ''}: guard set ${pair(f.guard.before, f.guard.after)}${cv}; trained in ${f.trainSeconds} s`;
}

const pair = (before: Figures, after: Figures) =>
  `macro-F1 ${before.macroF1.toFixed(3)} → ${after.macroF1.toFixed(3)}, accuracy ${before.accuracy.toFixed(3)} → ${after.accuracy.toFixed(3)} (${after.items} items)`;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
