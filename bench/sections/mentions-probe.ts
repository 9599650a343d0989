/** Child process of the mentions bench: `node mentions-probe.js <db> <now> <runs> <shape>` sends its figures back. */
import { measureShapes } from './mentions-shapes.js';

const [path, now, runs, shape] = process.argv.slice(2);
const result = await measureShapes(path as string, Number(now), Number(runs), [shape as string]);
process.send?.(result);
