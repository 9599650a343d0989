import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Answers one line typed in the console. */
export type LineHandler = (line: string) => Promise<string | null>;

export interface ConsoleChatOptions {
  input: Readable;
  output: Writable;
  handle: LineHandler;
  prompt?: string;
}

/** A readline chat on stdin/stdout: the embedded default, and the core's test double. */
export interface ConsoleChat {
  /** Resolves when the input ends or `/quit` is typed. */
  run(): Promise<void>;
  print(text: string): void;
  close(): void;
}

export function createConsoleChat(options: ConsoleChatOptions): ConsoleChat {
  const prompt = options.prompt ?? 'kestrel> ';
  const interactive = (options.input as Readable & { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({
    input: options.input,
    output: interactive ? options.output : undefined,
    terminal: interactive,
  });
  const print = (text: string) => {
    options.output.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  return {
    print,
    close: () => rl.close(),
    run: () =>
      new Promise<void>((resolve) => {
        let queue = Promise.resolve();
        rl.on('line', (raw) => {
          const line = raw.trim();
          if (!line) return;
          if (line === '/quit' || line === '/exit') {
            rl.close();
            return;
          }
          queue = queue.then(async () => {
            try {
              const reply = await options.handle(line);
              if (reply) print(reply);
            } catch (error) {
              print(`Something went wrong: ${(error as Error).message}`);
            }
            if (interactive) rl.prompt();
          });
        });
        rl.on('close', () => {
          queue.then(() => resolve());
        });
        if (interactive) {
          rl.setPrompt(prompt);
          rl.prompt();
        }
      }),
  };
}
