import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { BrandSpec } from '../classify/brands.js';
import { type Classification, createClassifier } from '../classify/classifier.js';
import { KestrelError } from '../errors.js';
import { unescapeText } from '../x/wire.js';

const brandsFile = z.object({
  brands: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)).min(1),
      exclude: z.array(z.string()).optional(),
    }),
  ),
});

/** Reads `{"brands":[{"name","aliases"}]}` from a JSON or YAML file. */
export function readBrandsFile(path: string): BrandSpec[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new KestrelError('INPUT_INVALID', `Cannot read brands file ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = brandsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KestrelError(
      'INPUT_INVALID',
      `${path}: ${issue?.path.join('.') || 'file'}: ${issue?.message}. Expected {"brands":[{"name":"yandex","aliases":["Яндекс","Yandex"]}]}`,
    );
  }
  return parsed.data.brands.map((b) => ({ name: b.name, aliases: b.aliases, exclude: b.exclude ?? [] }));
}

const inputLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  lang: z.string().nullable().optional(),
});

/** The JSONL contract of `kestrel classify`: one output line per input line, in order. */
export function formatResult(id: string, r: Classification): string {
  const v = r.vacancy;
  return JSON.stringify({
    id,
    label: r.label,
    confidence: Math.round(r.confidence * 1000) / 1000,
    reasons: r.reasons,
    vacancy: v
      ? {
          role: v.role,
          seniority: v.seniority,
          remote: v.remote,
          location: v.location,
          salary: v.salary,
          contact: v.contact,
        }
      : null,
    brands: r.brands.map((b) => ({
      brand: b.brand,
      start: b.start,
      end: b.end,
      sentiment: r.brandSentiment[b.brand],
    })),
    sentiment: r.sentiment,
  });
}

/**
 * Classifies JSONL from a file or stdin: each line `{"id","text","lang"?}` or an X API v2 tweet object.
 * A malformed line yields `{"id":null,"error","line"}` and the rest goes on.
 */
export async function runClassify(options: {
  input: Readable | string;
  output: Writable;
  brands: BrandSpec[];
}): Promise<{ lines: number; errors: number }> {
  const classifier = createClassifier({ brands: options.brands });
  const stream = typeof options.input === 'string' ? createReadStream(options.input) : options.input;
  const opened = new Promise<void>((resolve, reject) => {
    if (typeof options.input !== 'string') return resolve();
    stream.once('open', () => resolve());
    stream.once('error', (cause: Error) =>
      reject(new KestrelError('NOT_FOUND', `Cannot read ${options.input}: ${cause.message}`, { cause })),
    );
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  let errors = 0;
  let buffer = '';
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let out: string;
    try {
      const parsed = inputLine.safeParse(JSON.parse(line));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}; expected {"id","text","lang"?}`,
        );
      }
      const { id, text, lang } = parsed.data;
      out = formatResult(id, classifier.classify(unescapeText(text), lang ?? null));
    } catch (error) {
      errors++;
      out = JSON.stringify({ id: null, error: (error as Error).message, line: n });
    }
    buffer += `${out}\n`;
    if (buffer.length > 65_536) {
      if (!options.output.write(buffer)) await new Promise((r) => options.output.once('drain', r));
      buffer = '';
    }
  }
  if (buffer) options.output.write(buffer);
  return { lines: n, errors };
}
