/**
 * Why the label model chose a label, in words a person understands: the cues, shapes and words of the tweet
 * whose weights pushed hardest toward that label (relative to the other labels). Character n-grams, bigrams
 * and glue words never appear.
 */
import { CUES, type DetectedCues } from './cue-detect.js';
import { CUE_PHRASES, PHRASE_ONLY, SHAPE_PHRASES } from './cue-reasons.js';
import type { PreparedText } from './text.js';
import { type FeatureVector, featureBucket } from './tweet-features.js';

/** How much the feature in `bucket` pushes label `k` above the others. */
export type Lift = (bucket: number, k: number) => number;

interface Candidate {
  kind: 'cue' | 'shape' | 'word';
  ref: number;
  weight: number;
}

const CUE_BUCKETS = CUES.map((cue) => featureBucket('cue', cue));
const SHAPE_PHRASE_BY_BUCKET = new Map(
  Object.entries(SHAPE_PHRASES).map(([name, phrase]) => [featureBucket('shape', name), phrase]),
);
/** A word explains a label only when it pushes at least this hard (glue words push a little everywhere). */
const WORD_LIFT = 0.3;
const candidates: Candidate[] = [];

function say(c: Candidate, prepared: PreparedText, cues: DetectedCues, features: FeatureVector): string {
  if (c.kind === 'word') return `word «${prepared.tokens[features.wordTokens[c.ref]!]!.text}»`;
  if (c.kind === 'shape') return SHAPE_PHRASE_BY_BUCKET.get(c.ref)!;
  const cue = CUES[c.ref]!;
  const evidence = PHRASE_ONLY.has(cue) ? '' : cues.evidenceId(c.ref);
  return evidence ? `${CUE_PHRASES[cue]}: «${evidence}»` : CUE_PHRASES[cue]!;
}

/** The 1–3 strongest reasons for label `k` ("no strong cues" for `other` without any). */
export function labelReasons(
  k: number,
  isOther: boolean,
  lift: Lift,
  prepared: PreparedText,
  cues: DetectedCues,
  features: FeatureVector,
): string[] {
  candidates.length = 0;
  for (let id = 0; id < CUES.length; id++) {
    if (!cues.hasId(id) || CUE_PHRASES[CUES[id]!] === null) continue;
    const weight = lift(CUE_BUCKETS[id]!, k);
    if (weight > 0) candidates.push({ kind: 'cue', ref: id, weight });
  }
  for (const bucket of features.shapeBuckets) {
    if (!SHAPE_PHRASE_BY_BUCKET.has(bucket)) continue;
    const weight = lift(bucket, k);
    if (weight > 0) candidates.push({ kind: 'shape', ref: bucket, weight });
  }
  // Words explain a label a tweet left `other` for; for `other` itself they would only name its topic.
  for (let i = 0; i < (isOther ? 0 : features.wordCount); i++) {
    if (prepared.tokens[features.wordTokens[i]!]!.text.length < 3) continue;
    const weight = lift(features.wordBuckets[i]!, k);
    if (weight > WORD_LIFT) candidates.push({ kind: 'word', ref: i, weight });
  }
  candidates.sort((a, b) => b.weight - a.weight);
  const out: string[] = [];
  for (const c of candidates) {
    const text = say(c, prepared, cues, features);
    // A word already quoted by a cue («кредит» in "loan ad: «кредит»") says nothing new.
    if (
      c.kind === 'word' &&
      out.some((r) => r.includes(`«${prepared.tokens[features.wordTokens[c.ref]!]!.text}`))
    )
      continue;
    if (!out.includes(text)) out.push(text);
    if (out.length === 3) break;
  }
  if (out.length === 0) out.push(isOther ? 'no strong cues' : 'weak cues');
  return out;
}
