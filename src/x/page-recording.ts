import { closeSync, openSync, readSync } from 'node:fs';
import { KestrelError } from '../errors.js';

/**
 * A JSONL recording of X API v2 pages on disk, read a batch of lines at a time. Opening it scans the file
 * once through a small reused buffer (line offsets and the newest `created_at`); each `read` then loads
 * just its lines. A whole file read up front would fault in tens of megabytes of fresh memory before the
 * first tweet could be stored.
 */
export interface PageRecording {
  /** Non-blank lines (pages) in the file. */
  readonly count: number;
  /** The newest `created_at` in the file, or null when it has none. */
  readonly newest: number | null;
  /** Lines `from` to `to` (exclusive) as undecoded UTF-8: views of one new buffer that holds just them. */
  read(from: number, to: number): Uint8Array[];
  /** The file's 1-based line number of page `index` (blank lines are counted, not read). */
  lineNumber(index: number): number;
}

const SCAN_CHUNK = 1 << 20;

export function openPageRecording(path: string): PageRecording {
  const starts: number[] = [];
  const ends: number[] = [];
  const lineNumbers: number[] = [];
  let line = 0;
  const newest = createNewestTime();
  withFile(path, (fd) => {
    let buffer: Buffer<ArrayBuffer> = Buffer.allocUnsafe(SCAN_CHUNK);
    let filled = 0;
    let base = 0;
    for (;;) {
      if (filled === buffer.length) buffer = grow(buffer);
      const n = readSync(fd, buffer, filled, buffer.length - filled, base + filled);
      const atEnd = n === 0;
      filled += n;
      const view = buffer.subarray(0, filled);
      let start = 0;
      for (;;) {
        let end = view.indexOf(0x0a, start);
        if (end === -1) {
          if (!atEnd || start >= filled) break;
          end = filled;
        }
        line++;
        if (!isBlank(buffer, start, end)) {
          lineNumbers.push(line);
          starts.push(base + start);
          ends.push(base + end);
          newest.add(view.subarray(start, end));
        }
        start = end + 1;
      }
      if (atEnd) break;
      buffer.copy(buffer, 0, start, filled);
      base += start;
      filled -= start;
    }
  });
  return {
    count: starts.length,
    newest: newest.value(),
    lineNumber: (index) => lineNumbers[index] ?? index + 1,
    read(from, to) {
      const last = Math.min(to, starts.length);
      let size = 0;
      for (let i = from; i < last; i++) size += (ends[i] as number) - (starts[i] as number);
      const bytes = new Uint8Array(size);
      const lines: Uint8Array[] = [];
      withFile(path, (fd) => {
        let at = 0;
        for (let i = from; i < last; i++) {
          const length = (ends[i] as number) - (starts[i] as number);
          if (readSync(fd, bytes, at, length, starts[i] as number) !== length) {
            throw new KestrelError('INPUT_INVALID', `Replay file ${path} changed while it was being read`);
          }
          lines.push(bytes.subarray(at, at + length));
          at += length;
        }
      });
      return lines;
    },
  };
}

function withFile<T>(path: string, use: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw unreadableReplayFile(path, cause);
  }
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

/** The error for a replay file that cannot be opened or read. */
export function unreadableReplayFile(path: string, cause: unknown): KestrelError {
  return new KestrelError('NOT_FOUND', `Cannot read replay file ${path}: ${(cause as Error).message}`, {
    cause,
  });
}

function grow(buffer: Buffer): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

/** Only spaces, tabs and carriage returns between `start` and `end` (stops at the first other byte). */
function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0d && b !== 0x09) return false;
  }
  return true;
}

const CREATED_AT = Buffer.from('"created_at"');
const ISO_SHAPE = Buffer.from('0000-00-00T00:00:00.000Z');
const latin1 = new TextDecoder('latin1');

/**
 * The newest `created_at` over undecoded lines; the timestamps are ASCII, so nothing else is decoded. X
 * writes them as `YYYY-MM-DDTHH:mm:ss.sssZ`, which sort as bytes; only other forms are parsed one by one.
 * Authors and referenced tweets are always older than the tweets that point at them, so the newest of all
 * is the newest tweet.
 */
export function createNewestTime() {
  const newestIso = Buffer.alloc(ISO_SHAPE.length);
  let haveIso = false;
  let newestOther = Number.NEGATIVE_INFINITY;
  return {
    add(line: Buffer): void {
      let at = line.indexOf(CREATED_AT);
      while (at !== -1) {
        let from = at + CREATED_AT.length;
        while (line[from] === 0x20 || line[from] === 0x3a) from++;
        if (line[from] === 0x22) {
          const end = line.indexOf(0x22, from + 1);
          if (end === -1) return;
          const value = line.subarray(from + 1, end);
          if (isIsoTimestamp(value)) {
            if (!haveIso || value.compare(newestIso) > 0) {
              value.copy(newestIso);
              haveIso = true;
            }
          } else {
            const time = Date.parse(latin1.decode(value));
            if (time > newestOther) newestOther = time;
          }
          from = end;
        }
        at = line.indexOf(CREATED_AT, from);
      }
    },
    value(): number | null {
      const iso = haveIso ? Date.parse(latin1.decode(newestIso)) : Number.NEGATIVE_INFINITY;
      const newest = Math.max(iso, newestOther);
      return Number.isFinite(newest) ? newest : null;
    },
  };
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` exactly: digits where the shape has 0, its separators elsewhere. */
function isIsoTimestamp(value: Buffer): boolean {
  if (value.length !== ISO_SHAPE.length) return false;
  for (let i = 0; i < ISO_SHAPE.length; i++) {
    const shape = ISO_SHAPE[i];
    const b = value[i] as number;
    if (shape === 0x30 ? b < 0x30 || b > 0x39 : b !== shape) return false;
  }
  return true;
}
