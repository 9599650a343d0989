/**
 * What a team model is trained and guarded on, as training items: the team's decided label corrections, and the
 * shipped labelled set the guard measures (a JSON-lines file of Kestrel's own labelled tweets).
 */
import { existsSync, readFileSync } from 'node:fs';
import { LABELS, type Label } from '../classify/classes.js';
import { templateKeys } from '../classify/template-key.js';
import type { TrainingItem } from '../classify/train/train-model.js';
import { KestrelError } from '../errors.js';
import type { LabelCorrection } from '../store/feedback-store.js';

/** The decided label corrections as items of the label model (classes in `LABELS` order). */
export function correctionItems(corrections: readonly LabelCorrection[]): TrainingItem[] {
  return corrections.flatMap((c) => {
    const label = LABELS.indexOf(c.label as Label);
    return label < 0 ? [] : [{ text: c.text, label, keys: templateKeys(c.text, []), weight: 1 }];
  });
}

/** The guard set at `path`: one JSON object per line with `text` and `label` (one of the six). */
export function loadGuardSet(path: string): TrainingItem[] {
  if (!existsSync(path)) {
    throw new KestrelError(
      'CONFIG_INVALID',
      `teach.guardSet: no labelled set at ${path}; a team model is only used after it is measured on one (the project ships test/fixtures/labelled/dev.jsonl)`,
    );
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let row: { text?: unknown; label?: unknown };
      try {
        row = JSON.parse(line) as typeof row;
      } catch {
        throw new KestrelError('CONFIG_INVALID', `teach.guardSet: ${path} line ${i + 1} is not JSON`);
      }
      const label = LABELS.indexOf(row.label as Label);
      if (typeof row.text !== 'string' || label < 0) {
        throw new KestrelError(
          'CONFIG_INVALID',
          `teach.guardSet: ${path} line ${i + 1} needs "text" and "label" (one of ${LABELS.join(', ')})`,
        );
      }
      return [{ text: row.text, label, keys: templateKeys(row.text, []), weight: 1 }];
    });
}
