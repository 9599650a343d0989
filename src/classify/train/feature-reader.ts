/**
 * Turns texts into training vectors with exactly the features the classifier computes at run time (the same
 * tokens, cues, lexicon score and hashing), for the label model or for one brand's sentiment (the tweet's
 * features plus the brand's own, as the classifier adds them).
 */
import { detectCuesPrepared } from '../cue-detect.js';
import { sentimentOfTokens } from '../sentiment.js';
import { prepareText } from '../text.js';
import { FeatureVector, type SentimentTarget, targetFeatures, tweetFeatures } from '../tweet-features.js';

/** A sparse feature vector detached from the reader's scratch space. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** Reads a text's features; with `target`, toward one brand; `handles` as `handlesOf` gives them. */
export type FeatureReader = (
  text: string,
  target?: SentimentTarget,
  handles?: readonly number[],
) => SparseVector;

export function createFeatureReader(): FeatureReader {
  const out = new FeatureVector();
  const extra = new FeatureVector();
  return (text, target, handles) => {
    const prepared = prepareText(text);
    const cues = detectCuesPrepared(prepared);
    const lexiconScore = sentimentOfTokens(text, prepared.tokens).score;
    tweetFeatures(prepared, { cues, lexiconScore, brandHandles: handles }, out);
    if (!target) return out.snapshot();
    targetFeatures(prepared, target, extra);
    const index = new Int32Array(out.count + extra.count);
    const value = new Float32Array(out.count + extra.count);
    index.set(out.index.subarray(0, out.count));
    index.set(extra.index.subarray(0, extra.count), out.count);
    value.set(out.value.subarray(0, out.count));
    value.set(extra.value.subarray(0, extra.count), out.count);
    return { index, value };
  };
}
