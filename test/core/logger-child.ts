/** Child of the logger test: logs 200 lines and is killed by SIGKILL at once, before any event loop turn. */
import { createLogger } from '../../src/logger.js';

const logger = createLogger({ level: 'info' });
for (let i = 0; i < 200; i++) logger.info({ line: i }, 'before the kill');
process.kill(process.pid, 'SIGKILL');
