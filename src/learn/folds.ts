/**
 * Group k-fold assignment for cross-validation: examples that share any key (the same text, the same spam
 * template) land in one fold, so near-duplicates never sit on both sides of a split.
 */

/** A seeded 32-bit generator (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Union-find over example indices: returns a group id per example (examples linked by a shared key). */
export function groupsByKeys(keys: readonly (readonly string[])[]): Int32Array {
  const parent = Int32Array.from(keys, (_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    let c = i;
    while (parent[c] !== r) {
      const next = parent[c]!;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  const owner = new Map<string, number>();
  keys.forEach((list, i) => {
    for (const key of list) {
      const o = owner.get(key);
      if (o === undefined) owner.set(key, i);
      else parent[find(i)] = find(o);
    }
  });
  return Int32Array.from(keys, (_, i) => find(i));
}

/**
 * Assigns every group to one of `k` folds: groups in a seeded random order, each to the fold with the fewest
 * examples so far, so folds stay balanced even when one template is large. Returns a fold per example.
 */
export function assignFolds(groups: Int32Array, k: number, seed: number): Int32Array {
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const order = [...sizes.keys()].sort((a, b) => a - b);
  const random = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // Large groups first (stable on the shuffled order), so the greedy fill can balance around them.
  order.sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<number, number>();
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += sizes.get(g)!;
  }
  return Int32Array.from(groups, (g) => foldOf.get(g)!);
}
