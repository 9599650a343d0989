/**
 * The arguments of `/mentions`: one query, or several joined by `vs` (compare), a period anywhere at the top
 * level, and `csv` at the end for a file. Queries go through the one query parser (`src/query/parse.ts`); a
 * problem is refused in the chat's language, naming the operator and its position in what was typed.
 */
import { type Lang, t } from '../../src/chat/i18n.js';
import { KestrelError } from '../../src/errors.js';
import type { QueryNode } from '../../src/query/ast.js';
import { lexQuery } from '../../src/query/lex.js';
import { parseQuery } from '../../src/query/parse.js';
import { describeProblem, type QueryProblem } from '../../src/query/problems.js';
import { PERIODS, type Period, rangePeriod } from './period.js';

/** The most queries one comparison draws. */
export const MAX_COMPARED = 5;

export interface MentionsArgs {
  /** One query, or the queries compared (2 to {@link MAX_COMPARED}). */
  queries: { root: QueryNode; text: string }[];
  period: Period;
  csv: boolean;
}

const VS = new Set(['vs', 'vs.', 'против']);

/** Reads `/mentions` arguments; throws INPUT_INVALID with the problem in `lang`. */
export function parseMentionsArgs(
  args: string,
  resolveBrand: (text: string) => string | null,
  lang: Lang,
  now: number,
): MentionsArgs {
  const chars = [...args];
  const lexed = lexQuery(args);
  if ('problem' in lexed) throw refusal(lang, lexed.problem);
  // `csv` last, or just before the period: `/mentions yandex csv 30d`.
  const tokens = lexed.tokens;
  const csvToken = [tokens.at(-1), tokens.at(-2)].find(
    (tk, i) =>
      tk?.kind === 'bare' && tk.text.toLowerCase() === 'csv' && (i === 0 || tokens.at(-1)?.kind === 'bare'),
  );
  const csv = csvToken !== undefined;
  if (csvToken) for (let i = csvToken.at - 1; i < csvToken.at + 2; i++) chars[i] = ' ';
  // Split at `vs` outside parentheses, keeping each part's offset so positions stay those typed.
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (const token of lexed.tokens) {
    if (token.kind === 'open') depth++;
    else if (token.kind === 'close') depth = Math.max(0, depth - 1);
    else if (token.kind === 'bare' && depth === 0 && VS.has(token.text.toLowerCase())) {
      parts.push({ text: chars.slice(start, token.at - 1).join(''), offset: start });
      start = token.at - 1 + [...token.text].length;
    }
  }
  parts.push({ text: chars.slice(start).join(''), offset: start });
  if (parts.length > MAX_COMPARED) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(lang, {
        en: `At most ${MAX_COMPARED} queries can be compared at once.`,
        ru: `Сравнить можно не больше ${MAX_COMPARED} запросов сразу.`,
      }),
    );
  }
  let period: Period | null = null;
  const queries: MentionsArgs['queries'] = [];
  for (const part of parts) {
    const parsed = parseQuery(part.text, { resolveBrand });
    if (!parsed.ok) {
      const p = parsed.problem;
      throw refusal(
        lang,
        p.kind === 'nothing' && parts.length > 1
          ? { ...p, at: part.offset + 1 }
          : {
              ...p,
              at: p.at + part.offset,
            },
      );
    }
    const typed = parsed.query.period;
    if (typed) {
      if (period) {
        throw refusal(lang, {
          kind: 'second_period',
          operator: typed.text,
          at: part.offset + typed.at,
        });
      }
      period = typed.kind === 'named' ? PERIODS[typed.key] : rangePeriod(typed.from, typed.to, now);
      if (!period) {
        throw new KestrelError(
          'INPUT_INVALID',
          t(lang, {
            en: `The period ${typed.kind === 'range' ? typed.from : ''} starts after now: nothing is stored for it yet.`,
            ru: `Период ${typed.kind === 'range' ? typed.from : ''} начинается позже, чем сейчас: за него ещё ничего нет.`,
          }),
        );
      }
    }
    queries.push({ root: parsed.query.root, text: part.text.trim() });
  }
  return { queries, period: period ?? PERIODS['7d'], csv };
}

function refusal(lang: Lang, problem: QueryProblem): KestrelError {
  return new KestrelError('INPUT_INVALID', t(lang, describeProblem(problem)), { details: { ...problem } });
}
