import { createHash } from 'node:crypto';
import { KestrelError } from '../errors.js';
import type { WatchClauses } from './atoms.js';

/** One search request's query, the watches whose clauses it carries, and their units. */
export interface PackedQuery {
  query: string;
  watchIds: number[];
  units: PackUnit[];
}

export interface PackOptions {
  /** The X tier's query length limit (512 or 1024). */
  maxLength: number;
  /** Operators added to every query, e.g. `-is:retweet`. */
  suffix?: string;
}

const OR = ' OR ';

/**
 * A watch's share of a packed query: the whole watch, or one part of a watch too long for one query. Its
 * `key` (a hash of its text) names it across cycles: each unit keeps its own cursor.
 */
export interface PackUnit {
  watchId: number;
  key: string;
  text: string;
}

/** Room for clauses in one query: the limit less the suffix and the parentheses around the clauses. */
function capacityOf(options: PackOptions): number {
  const suffix = options.suffix?.trim() ?? '';
  return options.maxLength - (suffix ? suffix.length + 1 : 0) - 2;
}

/** A watch cut into units that each fit one query (clauses kept whole). */
export function watchUnits(watch: WatchClauses, options: PackOptions): PackUnit[] {
  return unitsOf(watch, capacityOf(options));
}

/**
 * Packs the watches' clauses into as few queries as fit the length limit (first-fit decreasing over
 * whole watches; a watch too long for one query is split between clauses). Routing back to watches is
 * done locally after the search, so a query may carry any mix of watches.
 */
export function packQueries(watches: readonly WatchClauses[], options: PackOptions): PackedQuery[] {
  return packUnits(
    watches.flatMap((w) => watchUnits(w, options)),
    options,
  );
}

/** Packs units (see {@link watchUnits}) into as few queries as fit, first-fit decreasing. */
export function packUnits(list: readonly PackUnit[], options: PackOptions): PackedQuery[] {
  const suffix = options.suffix?.trim() ?? '';
  const capacity = capacityOf(options);
  const units = [...list].sort((a, b) => b.text.length - a.text.length || a.watchId - b.watchId);

  const bins: { units: PackUnit[]; length: number }[] = [];
  for (const unit of units) {
    const bin = bins.find((b) => b.length + OR.length + unit.text.length <= capacity);
    if (bin) {
      bin.units.push(unit);
      bin.length += OR.length + unit.text.length;
    } else {
      bins.push({ units: [unit], length: unit.text.length });
    }
  }
  return bins.map((bin) => ({
    query: render(
      bin.units.map((u) => u.text),
      suffix,
    ),
    watchIds: [...new Set(bin.units.map((u) => u.watchId))].sort((a, b) => a - b),
    units: bin.units,
  }));
}

/** The fewest queries any packing could need: total clause length over the capacity, rounded up. */
export function minimumQueryCount(watches: readonly WatchClauses[], options: PackOptions): number {
  const capacity = capacityOf(options);
  const clauses = watches.flatMap((w) => w.clauses);
  if (clauses.length === 0) return 0;
  const total = clauses.reduce((sum, c) => sum + c.length, 0) + OR.length * (clauses.length - 1);
  return Math.ceil((total + OR.length) / (capacity + OR.length));
}

function unitsOf({ watch, clauses }: WatchClauses, capacity: number): PackUnit[] {
  const unit = (text: string): PackUnit => ({ watchId: watch.id, key: keyOf(text), text });
  const whole = clauses.join(OR);
  if (whole.length <= capacity) return whole ? [unit(whole)] : [];
  const units: PackUnit[] = [];
  let current = '';
  for (const clause of clauses) {
    if (clause.length > capacity) {
      throw new KestrelError(
        'INPUT_INVALID',
        `A search term of watch "${watch.spec.name}" is ${clause.length} characters, over the query limit of ${capacity}`,
      );
    }
    const next = current ? current + OR + clause : clause;
    if (next.length <= capacity) {
      current = next;
    } else {
      units.push(unit(current));
      current = clause;
    }
  }
  if (current) units.push(unit(current));
  return units;
}

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function render(texts: string[], suffix: string): string {
  const body = texts.join(OR);
  const needsParens = suffix !== '' && (texts.length > 1 || /\sOR\s/.test(body));
  const core = needsParens ? `(${body})` : body;
  return suffix ? `${core} ${suffix}` : core;
}
