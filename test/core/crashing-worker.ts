/**
 * A prepare worker that dies on purpose, for the pool's crash tests: a batch containing `CRASH-ALWAYS`
 * kills every worker it reaches; `CRASH-ONCE` kills the first one only (a flag file, named by
 * KESTREL_CRASH_ONCE_FLAG, remembers it across workers). Everything else is answered as the real worker does.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import { answerPrepareRequest, type PrepareRequest } from '../../src/pipeline/prepare-worker.js';

if (!isMainThread) {
  parentPort?.removeAllListeners('message');
  parentPort?.on('message', (request: PrepareRequest) => {
    const text = JSON.stringify(request);
    if (text.includes('CRASH-ALWAYS')) process.exit(3);
    const flag = process.env.KESTREL_CRASH_ONCE_FLAG;
    if (text.includes('CRASH-ONCE') && flag && !existsSync(flag)) {
      writeFileSync(flag, 'crashed');
      process.exit(3);
    }
    parentPort?.postMessage(answerPrepareRequest(request));
  });
}
