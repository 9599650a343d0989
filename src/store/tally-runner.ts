/**
 * `kestrel_tally(minute, ms, tone, seq, engagement, original, author, followers)`: the SQL aggregate through
 * which a search statement feeds each match to a {@link Tally}, registered once per connection.
 */
import type { Db } from './database.js';
import type { Tally } from './search-tally.js';

/** `run(statement, params, tally)`: runs a statement calling `kestrel_tally(...)`, feeding `tally`. */
export type TallyRunner = (
  statement: { get(params: Record<string, unknown>): unknown },
  params: Record<string, unknown>,
  tally: Tally,
) => void;

const runners = new WeakMap<Db, TallyRunner>();

/**
 * Registers `kestrel_tally(minute, ms, tone, seq, engagement, original, author, followers)` on `db` (once per
 * connection) and returns the runner that points it at a tally for one statement. Statements run synchronously,
 * so one tally is active at a time.
 */
export function tallyRunner(db: Db): TallyRunner {
  const existing = runners.get(db);
  if (existing) return existing;
  let active: Tally | null = null;
  // better-sqlite3 types an aggregate's step as taking one value; it calls it with the statement's eight.
  const step = (
    _total: null,
    minute: unknown,
    ms: unknown,
    tone: unknown,
    seq: unknown,
    engagement: unknown,
    original: unknown,
    author: unknown,
    followers: unknown,
  ): void => {
    active?.add(
      minute as number,
      ms as number,
      tone as number,
      seq as number,
      engagement as number,
      original as number,
      author as number,
      followers as number,
    );
  };
  db.aggregate('kestrel_tally', {
    start: null,
    step: step as unknown as (total: null, next: null) => void,
    result: () => null,
  });
  const run: TallyRunner = (statement, params, tally) => {
    active = tally;
    try {
      statement.get(params);
    } finally {
      active = null;
    }
  };
  runners.set(db, run);
  return run;
}
