import { parentPort } from 'node:worker_threads';
import type { BrandSpec } from '../classify/brands.js';
import type { Watch } from '../watch/types.js';
import { createPreparer, type PageLine } from './prepare.js';

/** Messages to a prepare worker. */
export type PrepareRequest =
  | {
      id: number;
      kind: 'classify';
      items: { text: string; lang: string | null }[];
      brands: BrandSpec[];
      brandsKey: string;
    }
  | { id: number; kind: 'pages'; lines: PageLine[]; shiftMs: number; watches: Watch[]; brands: BrandSpec[] };

export type PrepareResponse = { id: number; result: unknown } | { id: number; error: string };

const preparer = createPreparer();

parentPort?.on('message', (request: PrepareRequest) => {
  try {
    const result =
      request.kind === 'classify'
        ? preparer.classify(request.items, request.brands, request.brandsKey)
        : preparer.pages(request.lines, request);
    parentPort?.postMessage({ id: request.id, result } satisfies PrepareResponse);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: (error as Error).message } satisfies PrepareResponse);
  }
});
