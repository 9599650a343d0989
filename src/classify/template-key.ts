/**
 * Keys that tie near-duplicate tweets together for cross-validation: the text without retweet prefix, links
 * and spacing, and the template skeleton of keyword spam (its content words without brand names, places,
 * numbers, links and stop words), so "кредит в <bank> <city> <link>" is one template whatever the bank or city.
 */
import gazetteer from './data/locations.json' with { type: 'json' };
import { isStopWord, prepareText, stem } from './text.js';

const PLACE_STEMS: ReadonlySet<string> = new Set(
  (gazetteer as { locations: { aliases: string[] }[] }).locations.flatMap((l) =>
    l.aliases.map((a) => stem(a.toLowerCase())),
  ),
);

/** The text as a person would call it "the same tweet": no `RT @x:`, no links, spacing and case folded. */
export function sameTextKey(text: string): string {
  return text
    .replace(/^RT @\w+:?\s*/i, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Both keys of a tweet: `text:<same text>` and, when at least two content words remain, `template:<sorted
 * stems>`. `brandSpans` are the offsets of brand names, which a template leaves out.
 */
export function templateKeys(text: string, brandSpans: readonly { start: number; end: number }[]): string[] {
  const keys = [`text:${sameTextKey(text)}`];
  const words = new Set<string>();
  for (const t of prepareText(text).tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    if (brandSpans.some((s) => t.start < s.end && s.start < t.end)) continue;
    const word = t.kind === 'hashtag' ? t.text.slice(1) : t.text;
    if (word.length < 3 || /\d/.test(word) || isStopWord(word)) continue;
    const s = stem(word);
    if (!PLACE_STEMS.has(s)) words.add(s);
  }
  if (words.size >= 2) keys.push(`template:${[...words].sort().join(' ')}`);
  return keys;
}
