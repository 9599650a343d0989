import { isStopWord, stem, tokenize } from '../classify/text.js';

/**
 * Two texts whose shingle sets overlap at least this much (Jaccard) are one post. Measured on the demo
 * corpus vacancies: edited reposts score 0.37–0.74, the closest distinct vacancies 0.34 and below.
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.36;

/**
 * The shingles of a text: stems of its content words and of adjacent word pairs, plus its contacts,
 * prices and hashtags as they are. URLs of t.co are dropped (every repost gets a new one).
 */
export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  const words: string[] = [];
  for (const token of tokenize(text)) {
    if (token.kind === 'url') {
      if (!/^https?:\/\/t\.co\//i.test(token.text)) out.add(`u:${token.text.replace(/^https?:\/\//, '')}`);
      continue;
    }
    if (token.kind === 'email' || token.kind === 'mention' || token.kind === 'hashtag') {
      out.add(`${token.kind[0]}:${token.text}`);
      continue;
    }
    if (token.kind === 'number') {
      out.add(`n:${token.text.replace(/\D/g, '')}`);
      continue;
    }
    if (token.kind !== 'word' || isStopWord(token.text)) continue;
    words.push(stem(token.text));
  }
  for (let i = 0; i < words.length; i++) {
    out.add(words[i] as string);
    if (i + 1 < words.length) out.add(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const s of small) if (large.has(s)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Groups near-duplicate texts (reposts with small edits): every pair at or above the threshold is
 * joined, transitively. Returns groups of indices in input order; the first index of each group is its
 * earliest entry. Exact pairwise comparison: digests and alert batches hold hundreds, not millions.
 */
export function nearDuplicateGroups(
  texts: readonly string[],
  threshold = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
): number[][] {
  const sets = texts.map(shingles);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (jaccard(sets[i] as Set<string>, sets[j] as Set<string>) >= threshold) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < texts.length; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}
