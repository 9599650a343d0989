import type { BrandSpec } from '../classify/brands.js';
import {
  type Classification,
  type Classifier,
  type ClassifierOptions,
  createClassifier,
  SHIPPED_MODELS,
} from '../classify/classifier.js';
import type { Author, Tweet } from '../domain.js';
import { KestrelError } from '../errors.js';
import type { LinearModelFile } from '../learn/model-file.js';
import { createRouter, type Router } from '../planner/router.js';
import type { Watch } from '../watch/types.js';
import { parseJsonBytes } from '../x/json-bytes.js';
import { shiftPages } from '../x/replay-source.js';
import { parsePage } from '../x/wire.js';

/**
 * The CPU-heavy part of ingesting a batch, done before the write transaction (and, on a worker pool,
 * off the main thread): readings of tweets not stored yet, and optionally each tweet's watches.
 */
export interface PreparedBatch {
  /** Tweet id → the classifier's reading. */
  readings: Map<string, Classification>;
  /** Watch ids per tweet, aligned with the batch's tweets (deduplicated by id, last copy kept). */
  routes?: number[][];
}

/** Recorded page lines parsed, shifted, read and routed in one go: what a replay worker returns. */
export interface PreparedPages {
  tweets: Tweet[];
  authors: Author[];
  readings: Classification[];
  routes: number[][];
}

/** One recorded page: its JSON text, or the undecoded UTF-8 bytes (decoding is left to the worker). */
export type PageLine = string | Uint8Array;

/** How to prepare a batch of recorded pages, and how error messages name its lines. */
export interface PagesOptions {
  shiftMs: number;
  watches: readonly Watch[];
  brands: readonly BrandSpec[];
  /** What comes before a line number in messages, e.g. `pages.jsonl line` (default `line`). */
  origin?: string;
  /** The file's line number of each page (default: its index + 1). */
  lineNumbers?: readonly number[];
}

/** A page line's JSON; a line that is not JSON fails with one line naming it. */
function parseLine(line: PageLine, where: string): unknown {
  try {
    return typeof line === 'string' ? JSON.parse(line) : parseJsonBytes(line);
  } catch (cause) {
    throw new KestrelError('UPSTREAM_MALFORMED', `${where} is not JSON (${(cause as Error).message})`, {
      cause,
    });
  }
}

/**
 * The label model a team retrained (see `src/teach/`), used instead of the shipped one; `key` names it (a new
 * key means a new model). Sentiment stays the shipped model's.
 */
export interface LabelModelChoice {
  key: string;
  file: LinearModelFile;
}

/** The classifier options of a choice of label model (null: the shipped models). */
export function modelsOf(choice: LabelModelChoice | null): ClassifierOptions['models'] {
  return choice ? { label: choice.file, sentiment: SHIPPED_MODELS.sentiment } : undefined;
}

/**
 * Caches the classifier and router between calls while brands, the label model and watches stay the same.
 */
export function createPreparer() {
  let classifier: { key: string; value: Classifier } | null = null;
  let router: { key: string; value: Router } | null = null;
  let labelModel: LabelModelChoice | null = null;
  const classifierFor = (brands: readonly BrandSpec[], brandsKey = JSON.stringify(brands)): Classifier => {
    const key = `${labelModel?.key ?? 'shipped'}\u0000${brandsKey}`;
    if (classifier?.key !== key) {
      const models = modelsOf(labelModel);
      classifier = { key, value: createClassifier({ brands, ...(models ? { models } : {}) }) };
    }
    return classifier.value;
  };
  const routerFor = (watches: readonly Watch[], key = JSON.stringify(watches)): Router => {
    if (router?.key !== key) router = { key, value: createRouter(watches) };
    return router.value;
  };
  return {
    /** Reads with this label model from now on (null: the shipped one). */
    useLabelModel(choice: LabelModelChoice | null) {
      labelModel = choice;
    },
    classify(
      items: readonly { text: string; lang: string | null }[],
      brands: readonly BrandSpec[],
      brandsKey?: string,
    ) {
      const c = classifierFor(brands, brandsKey);
      return items.map((item) => c.classify(item.text, item.lang));
    },
    pages(lines: readonly PageLine[], options: PagesOptions): PreparedPages {
      const pages = shiftPages(
        lines.map((line, i) => {
          const where = `${options.origin ?? 'line'} ${options.lineNumbers?.[i] ?? i + 1}`;
          return parsePage(parseLine(line, where), where);
        }),
        options.shiftMs,
      );
      const tweets = uniqueById(pages.flatMap((p) => p.tweets));
      const authors = pages.flatMap((p) => p.authors);
      const byId = new Map(authors.map((a) => [a.id, a]));
      const c = classifierFor(options.brands);
      const r = routerFor(options.watches);
      return {
        tweets,
        authors: [...byId.values()],
        readings: tweets.map((t) => c.classify(t.text, t.lang)),
        routes: tweets.map((t) => r.route(t, byId.get(t.authorId))),
      };
    },
  };
}

/** Keeps one copy of each tweet (the last: freshest metrics), in first-seen order. */
export function uniqueById(tweets: readonly Tweet[]): Tweet[] {
  const byId = new Map<string, Tweet>();
  for (const t of tweets) byId.set(t.id, t);
  return byId.size === tweets.length ? (tweets as Tweet[]) : [...byId.values()];
}
