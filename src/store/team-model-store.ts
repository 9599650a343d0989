import type { LinearModelFile } from '../learn/model-file.js';
import type { Db } from './database.js';

/** One retraining as stored: its figures (JSON of `TeamFigures`) and, if the guard accepted it, the model. */
export interface TeamModelRow {
  id: number;
  trainedAt: number;
  corrections: number;
  accepted: boolean;
  /** The model Kestrel reads with (at most one row). */
  active: boolean;
  figures: unknown;
}

/** The `team_models` table (migration 11): every retraining, the one in use, and going back to the shipped model. */
export interface TeamModelStore {
  /**
   * Records a retraining. An accepted model becomes the active one (the previous one stays as history); a
   * rejected one is kept without its weights, with the figures that rejected it.
   */
  record(input: {
    trainedAt: number;
    corrections: number;
    accepted: boolean;
    figures: unknown;
    model: LinearModelFile;
  }): TeamModelRow;
  /** The active team model and its row, or null when Kestrel reads with the shipped model. */
  active(): { row: TeamModelRow; model: LinearModelFile } | null;
  /** The latest retrainings, newest first. */
  history(limit: number): TeamModelRow[];
  /** When the latest retraining (accepted or not) was made, or null. */
  lastTrainedAt(): number | null;
  /** No team model is active any more: Kestrel reads with the shipped model. Returns whether one was. */
  reset(): boolean;
}

interface Row {
  id: number;
  trained_at: number;
  corrections: number;
  accepted: number;
  active: number;
  figures: string;
}

const rowOf = (r: Row): TeamModelRow => ({
  id: r.id,
  trainedAt: r.trained_at,
  corrections: r.corrections,
  accepted: r.accepted === 1,
  active: r.active === 1,
  figures: JSON.parse(r.figures) as unknown,
});

export function createTeamModelStore(db: Db): TeamModelStore {
  const insert = db.prepare(
    'INSERT INTO team_models (trained_at, corrections, accepted, active, figures, label_model) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const deactivate = db.prepare('UPDATE team_models SET active = 0 WHERE active = 1');
  const byId = db.prepare(
    'SELECT id, trained_at, corrections, accepted, active, figures FROM team_models WHERE id = ?',
  );
  const activeRow = db.prepare(
    'SELECT id, trained_at, corrections, accepted, active, figures, label_model FROM team_models WHERE active = 1 ORDER BY id DESC LIMIT 1',
  );
  const recent = db.prepare(
    'SELECT id, trained_at, corrections, accepted, active, figures FROM team_models ORDER BY id DESC LIMIT ?',
  );
  const last = db.prepare('SELECT max(trained_at) FROM team_models').pluck();

  const record = db.transaction((input: Parameters<TeamModelStore['record']>[0]): TeamModelRow => {
    if (input.accepted) deactivate.run();
    const id = insert.run(
      input.trainedAt,
      input.corrections,
      input.accepted ? 1 : 0,
      input.accepted ? 1 : 0,
      JSON.stringify(input.figures),
      input.accepted ? JSON.stringify(input.model) : null,
    ).lastInsertRowid;
    return rowOf(byId.get(id) as Row);
  });

  return {
    record: (input) => record(input),
    active() {
      const r = activeRow.get() as (Row & { label_model: string | null }) | undefined;
      if (!r || r.label_model === null) return null;
      return { row: rowOf(r), model: JSON.parse(r.label_model) as LinearModelFile };
    },
    history: (limit) => (recent.all(limit) as Row[]).map(rowOf),
    lastTrainedAt: () => (last.get() as number | null) ?? null,
    reset: () => deactivate.run().changes > 0,
  };
}
