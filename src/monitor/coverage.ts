import { compareIds } from '../domain.js';

/**
 * What a unit (a watch's share of a packed query) has read, in ids: every tweet its clauses find with an
 * id ≤ `sinceId` is stored, and so is every one in `[gapUntil, gapTop]` when a gap is open; the rest,
 * `(sinceId, gapUntil)` and above the top, is still to read. A gap opens when reading a range (newest
 * first) stops before its end: the budget ran out or X failed. It is read before anything newer, so a unit
 * never has more than one.
 */
export interface Coverage {
  sinceId: string;
  gapUntil: string | null;
  gapTop: string | null;
}

/** Ids strictly between `sinceId` and `untilId`: one stretch of a search (both bounds exclusive, as X's). */
export interface IdRange {
  sinceId: string;
  untilId: string;
}

const minus1 = (id: string) => (BigInt(id) - 1n).toString();

/** The highest id read so far. */
export function topOf(c: Coverage): string {
  return c.gapTop ?? c.sinceId;
}

/** What is still to read below `untilId`, oldest stretch first (the gap, then what is newer than the top). */
export function rangesToRead(c: Coverage, untilId: string): IdRange[] {
  const ranges: IdRange[] = [];
  if (c.gapUntil !== null) ranges.push({ sinceId: c.sinceId, untilId: c.gapUntil });
  const top = topOf(c);
  if (compareIds(top, minus1(untilId)) < 0) ranges.push({ sinceId: top, untilId });
  return ranges;
}

/**
 * The coverage after reading `range` newest first: all of it (`oldestRead` null and `complete`), or down to
 * `oldestRead` (the oldest id of the pages read; everything from it to the range's end is then stored).
 */
export function afterRead(
  c: Coverage,
  range: IdRange,
  complete: boolean,
  oldestRead: string | null,
): Coverage {
  const isGap = c.gapUntil !== null && range.untilId === c.gapUntil;
  if (complete) {
    if (isGap) return { sinceId: c.gapTop as string, gapUntil: null, gapTop: null };
    return c.gapUntil === null
      ? { sinceId: minus1(range.untilId), gapUntil: null, gapTop: null }
      : { ...c, gapTop: minus1(range.untilId) };
  }
  if (oldestRead === null) return c;
  if (isGap) return { ...c, gapUntil: oldestRead };
  if (c.gapUntil !== null) return c; // never read past an open gap; nothing is claimed
  return { sinceId: c.sinceId, gapUntil: oldestRead, gapTop: minus1(range.untilId) };
}

/**
 * The coverage after giving up what is still unread below `floorId`: the unit claims every id under it from
 * now on, and `passed` says which ids it never read (at most two stretches: the gap's unread part and what
 * lay between the gap's top and the floor). What is unread at or above the floor stays to read.
 */
export function passOver(c: Coverage, floorId: string): { coverage: Coverage; passed: IdRange[] } {
  const below = minus1(floorId);
  if (compareIds(c.sinceId, below) >= 0) return { coverage: c, passed: [] };
  const passed: IdRange[] = [];
  const pass = (sinceId: string, untilId: string) => {
    if (compareIds(sinceId, minus1(untilId)) < 0) passed.push({ sinceId, untilId });
  };
  if (c.gapUntil === null || c.gapTop === null) {
    pass(c.sinceId, floorId);
    return { coverage: { sinceId: below, gapUntil: null, gapTop: null }, passed };
  }
  if (compareIds(c.gapUntil, floorId) > 0) {
    pass(c.sinceId, floorId);
    return { coverage: { ...c, sinceId: below }, passed };
  }
  pass(c.sinceId, c.gapUntil);
  if (compareIds(c.gapTop, below) >= 0)
    return { coverage: { sinceId: c.gapTop, gapUntil: null, gapTop: null }, passed };
  pass(c.gapTop, floorId);
  return { coverage: { sinceId: below, gapUntil: null, gapTop: null }, passed };
}

/**
 * Keeps a coverage inside X's 7-day search window (`floorId`: the oldest id X still serves). What lies
 * below the floor and was never read cannot be read any more: `lost` says which ids, for the log.
 */
export function clampToWindow(c: Coverage, floorId: string): { coverage: Coverage; lost: IdRange[] } {
  const { coverage, passed } = passOver(c, floorId);
  return { coverage, lost: passed };
}

/** One key for units that have read exactly the same ids: they can share a query. */
export function coverageKey(c: Coverage): string {
  return `${c.sinceId}|${c.gapUntil ?? ''}|${c.gapTop ?? ''}`;
}
