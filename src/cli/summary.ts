import type { Watch } from '../watch/types.js';

/** A plain-text table of what was ingested per watch. */
export function formatIngestSummary(
  watches: readonly Watch[],
  newMatches: ReadonlyMap<number, number>,
  totals: ReadonlyMap<number, number>,
  header: string,
): string {
  const rows = watches.map((w) => ({
    label: `${w.spec.kind.padEnd(6)} ${w.spec.name}`,
    added: newMatches.get(w.id) ?? 0,
    total: totals.get(w.id) ?? 0,
  }));
  const width = Math.max(20, ...rows.map((r) => r.label.length));
  const lines = rows.map(
    (r) =>
      `  ${r.label.padEnd(width)}  +${String(r.added).padStart(4)}   ${String(r.total).padStart(5)} in store`,
  );
  return [header, ...lines].join('\n');
}
