#!/usr/bin/env node
// The `kestrel` command: runs the compiled CLI (built into dist/ by `npm ci` and `npm run build`).
import { runCli } from '../dist/src/main.js';

runCli(process.argv.slice(2), process.env);
