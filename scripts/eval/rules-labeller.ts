/**
 * The previous method, kept as a baseline for `npm run eval`. Tweet labelling: vacancy, help_wanted, job_seeker, discussion, promo or other. Weighted cue rules over
 * stems and patterns (see `label-rules.ts`) give per-label scores; a softmax turns them into a confidence.
 */

import { LABELS, type Label } from '../../src/classify/classes.js';
import {
  CUE_MASK_WORDS,
  type Cue,
  cueId,
  type DetectedCues,
  detectCuesPrepared,
} from '../../src/classify/cue-detect.js';
import { type PreparedText, prepareText } from '../../src/classify/text.js';
import { LABEL_RULES } from './label-rules.js';

/** What {@link classifyLabel} decided, how sure it is (0..1) and the cues that decided it. */
export interface LabelResult {
  label: Label;
  confidence: number;
  reasons: string[];
}

/** Options for {@link classifyLabel}. `lang` (X's language tag) is accepted for future use. */
export interface ClassifyLabelOptions {
  lang?: string | null;
}

/** A rule with its cue lists as bit masks over cue ids (see `CUE_MASK_WORDS`). */
interface CompiledRule {
  label: number;
  weight: number;
  all: Int32Array;
  any: Int32Array;
  none: Int32Array;
  hasAny: boolean;
  reason: string;
  reasonCues: Array<[string, number]>;
}

const LABEL_INDEX = new Map<Label, number>(LABELS.map((l, i) => [l, i]));
const OTHER = LABEL_INDEX.get('other')!;
/** Score of `other` before any rule: a tweet needs real evidence to leave it. */
const OTHER_PRIOR = 1.3;
/** Softmax temperature: lower is more decisive. */
const TEMPERATURE = 0.8;

function maskOf(cues: readonly Cue[]): Int32Array {
  const mask = new Int32Array(CUE_MASK_WORDS);
  for (const cue of cues) {
    const id = cueId(cue);
    mask[id >>> 5]! |= 1 << (id & 31);
  }
  return mask;
}

const RULES: readonly CompiledRule[] = LABEL_RULES.map((r) => ({
  label: LABEL_INDEX.get(r.label)!,
  weight: r.weight,
  all: maskOf(r.all),
  any: maskOf(r.any ?? []),
  none: maskOf(r.none ?? []),
  hasAny: (r.any ?? []).length > 0,
  reason: r.reason,
  reasonCues: [...r.reason.matchAll(/\{(\w+)\}/g)].map(
    (m) => [m[0], cueId(m[1] as never)] as [string, number],
  ),
}));

/**
 * Labels one tweet. Pure and cheap: the lexicon and patterns are compiled at import, stems are cached.
 * `reasons` holds the 1–3 strongest cues behind the label, in English.
 */
export function classifyLabel(text: string, _opts: ClassifyLabelOptions = {}): LabelResult {
  return classifyPrepared(prepareText(text));
}

const scores = new Float64Array(LABELS.length);
const fired: CompiledRule[] = [];

/** {@link classifyLabel} for a text already tokenized with `prepareText`. */
export function classifyPrepared(prepared: PreparedText): LabelResult {
  const hits = detectCuesPrepared(prepared);
  scores.fill(0);
  scores[OTHER] = OTHER_PRIOR;
  fired.length = 0;
  for (const rule of RULES) {
    if (!fires(rule, hits)) continue;
    scores[rule.label]! += rule.weight;
    fired.push(rule);
  }
  let best = OTHER;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let sum = 0;
  for (const s of scores) sum += Math.exp((s - scores[best]!) / TEMPERATURE);
  const confidence = Math.round((1 / sum) * 1000) / 1000;
  return { label: LABELS[best]!, confidence, reasons: reasonsFor(best, fired, hits) };
}

function fires(rule: CompiledRule, hits: DetectedCues): boolean {
  const found = hits.mask;
  let any = 0;
  for (let w = 0; w < CUE_MASK_WORDS; w++) {
    const bits = found[w]!;
    const all = rule.all[w]!;
    if ((bits & all) !== all || (bits & rule.none[w]!) !== 0) return false;
    any |= bits & rule.any[w]!;
  }
  return !rule.hasAny || any !== 0;
}

const decisive: CompiledRule[] = [];

function reasonsFor(label: number, fired: readonly CompiledRule[], hits: DetectedCues): string[] {
  const reasons: string[] = [];
  // The label's rules with a reason, strongest first; equal weights keep rule order (a stable sort).
  decisive.length = 0;
  for (const rule of fired) {
    if (rule.label !== label || !(rule.weight > 0) || rule.reason === '') continue;
    let k = decisive.length;
    decisive.push(rule);
    while (k > 0 && decisive[k - 1]!.weight < rule.weight) {
      decisive[k] = decisive[k - 1]!;
      k--;
    }
    decisive[k] = rule;
  }
  for (const rule of decisive) {
    let reason = rule.reason;
    for (const [placeholder, id] of rule.reasonCues)
      reason = reason.replace(placeholder, hits.evidenceId(id));
    if (!reasons.includes(reason)) reasons.push(reason);
    if (reasons.length === 3) break;
  }
  if (reasons.length === 0) reasons.push(label === OTHER ? 'no strong cues' : 'weak cues');
  return reasons;
}
