import { parentPort } from 'node:worker_threads';
import type { BrandSpec } from '../classify/brands.js';
import type { Watch } from '../watch/types.js';
import { createPreparer, type LabelModelChoice, type PageLine } from './prepare.js';
import { type PreparedJson, toPreparedJson } from './prepared-json.js';

/**
 * Messages to a prepare worker. `labelModel`, when present, switches the worker's label model before the
 * work (the pool sends a model once per worker, not with every batch).
 */
export type PrepareRequest = { labelModel?: { choice: LabelModelChoice | null } } & (
  | {
      id: number;
      kind: 'classify';
      items: { text: string; lang: string | null }[];
      brands: BrandSpec[];
      brandsKey: string;
    }
  | {
      id: number;
      kind: 'pages';
      lines: PageLine[];
      shiftMs: number;
      watches: Watch[];
      brands: BrandSpec[];
      origin?: string;
      lineNumbers?: number[];
    }
);

/**
 * The result travels as JSON text: V8's structured clone of thousands of small objects with Cyrillic
 * strings costs about three times JSON.stringify + JSON.parse (≈15 against ≈5 µs a tweet), and the
 * results are plain data (strings, numbers, null, arrays, records). Pages travel as two texts (see
 * `PreparedJson`).
 */
export type PrepareResponse =
  | { id: number; json: string }
  | { id: number; pages: PreparedJson }
  | { id: number; error: string };

const preparer = createPreparer();

/** Answers one request on this thread (what the worker does with each message). */
export function answerPrepareRequest(request: PrepareRequest): PrepareResponse {
  try {
    if (request.labelModel) preparer.useLabelModel(request.labelModel.choice);
    return request.kind === 'classify'
      ? {
          id: request.id,
          json: JSON.stringify(preparer.classify(request.items, request.brands, request.brandsKey)),
        }
      : { id: request.id, pages: toPreparedJson(preparer.pages(request.lines, request)) };
  } catch (error) {
    return { id: request.id, error: (error as Error).message };
  }
}

parentPort?.on('message', (request: PrepareRequest) => {
  parentPort?.postMessage(answerPrepareRequest(request));
});
