import type { Command } from '../src/chat/command.js';
import type { CommandContext } from '../src/chat/context.js';
import { t } from '../src/chat/i18n.js';
import type { Reply } from '../src/chat/reply.js';
import { stem } from '../src/classify/text.js';
import { KestrelError } from '../src/errors.js';
import { ftsQuery } from '../src/store/mention-fts.js';
import type { MentionFilter, MentionQueries } from '../src/store/mention-queries.js';
import type { WatchStore } from '../src/store/watch-store.js';
import {
  bucketEdges,
  looksLikePeriod,
  PERIOD_CHOICES,
  PERIODS,
  type Period,
  parsePeriod,
  validTimezone,
} from './args/period.js';
import {
  type BrandResolver,
  createBrandResolver,
  parseTarget,
  splitArgs,
  type Target,
} from './args/target.js';
import { type BrandSet, mentionsReply } from './mentions-reply.js';

export interface MentionsDeps {
  queries: MentionQueries;
  /**
   * Brand watches (any chat's) decide what is a brand; the rivals in the share of voice are the brands this
   * chat can see (the config's and its own), so no chat learns what another one watches.
   */
  watches: WatchStore;
  /** Draw the PNG chart (default true). */
  renderChart?: boolean;
}

/** Shortest stem that is searched with its inflected forms; shorter words are searched as typed. */
const MIN_STEM = 4;
/** Inflected forms differ from the stem by at most this many letters (the longest Russian endings). */
const MAX_ENDING = 4;
const MAX_FORMS = 40;
const CYRILLIC = /\p{Script=Cyrillic}/u;

const USAGE = {
  en: '<brand | @handle | word | "phrase"> [24h | 7d | 30d]',
  ru: '<бренд | @аккаунт | слово | "фраза"> [24h | 7d | 30d]',
};

/** `/mentions`: a brand's or a word's mentions in a period against the one before, with chart and tops. */
export function createMentionsCommand(deps: MentionsDeps): Command {
  let resolver: { key: string; resolver: BrandResolver } | null = null;
  const brandsNow = (chatId: string): BrandSet => {
    const watches = deps.watches.list().filter((w) => w.spec.kind === 'brand');
    const specs = watches.flatMap((w) => (w.spec.kind === 'brand' ? [w.spec] : []));
    const unique = [...new Map(specs.map((s) => [s.name, s])).values()];
    const key = JSON.stringify(unique.map((s) => [s.name, s.aliases, s.exclude]));
    if (resolver?.key !== key) resolver = { key, resolver: createBrandResolver(unique) };
    const visible = new Set(
      watches.filter((w) => w.chatId === '' || w.chatId === chatId).map((w) => w.spec.name),
    );
    const seen = unique.filter((s) => visible.has(s.name));
    return {
      resolver: resolver.resolver,
      names: seen.map((s) => s.name),
      competitors: seen.filter((s) => s.competitor).map((s) => s.name),
    };
  };

  return {
    name: 'mentions',
    aliases: ['упоминания'],
    summary: {
      en: 'mentions of a brand, an account or a word: trend, tone, top tweets and authors',
      ru: 'упоминания бренда, аккаунта или слова: динамика, тональность, лучшие твиты и авторы',
    },
    usage: USAGE,
    examples: [
      '/mentions yandex',
      '/mentions Яндекс 30d',
      '/mentions "code review" 24h',
      '/mentions @kate_backend',
    ],
    async run(ctx, args): Promise<Reply> {
      const brands = brandsNow(ctx.chat.id);
      const { target, period } = parseArgs(args, brands.resolver, ctx);
      const zone = validTimezone(ctx.timezone);
      const from = ctx.now - period.ms;
      const edges = bucketEdges(from, ctx.now, period.bucket, zone);
      const search = filterOf(target, deps.queries);
      const summary = deps.queries.summarize(search.filter, { from, to: ctx.now, edges });
      const share =
        target.kind === 'brand' ? shareOfVoice(target.brand, brands, deps.queries, from, ctx.now) : null;
      return mentionsReply({
        ctx: { ...ctx, timezone: zone },
        target,
        period,
        edges,
        summary,
        share,
        forms: search.forms,
        renderChart: deps.renderChart ?? true,
      });
    },
  };
}

/** Reads `<target> [period]`; throws INPUT_INVALID naming what is wrong. */
export function parseArgs(
  args: string,
  brands: BrandResolver,
  ctx: Pick<CommandContext, 'lang'>,
): { target: Target; period: Period } {
  const tokens = splitArgs(args);
  const lang = ctx.lang;
  let period = PERIODS['7d'];
  const last = tokens[tokens.length - 1];
  if (last && !last.quoted) {
    const named = parsePeriod(last.text);
    if (named && tokens.length === 1) {
      throw new KestrelError(
        'INPUT_INVALID',
        t(lang, {
          en: `Say what to look for before the period, e.g. /mentions yandex ${named.key}.`,
          ru: `Перед периодом напишите, что искать, например: /mentions яндекс ${named.key}.`,
        }),
      );
    }
    if (named) {
      period = named;
      tokens.pop();
    } else if (tokens.length > 1 && looksLikePeriod(last.text)) {
      throw new KestrelError(
        'INPUT_INVALID',
        t(lang, {
          en: `"${last.text}" is not a period I know: use ${PERIOD_CHOICES}.`,
          ru: `«${last.text}» — непонятный период: можно ${PERIOD_CHOICES}.`,
        }),
      );
    }
  }
  if (tokens.length === 0) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(lang, {
        en: 'Say what to look for: a brand, an @handle, a word or a "phrase in quotes".',
        ru: 'Напишите, что искать: бренд, @аккаунт, слово или «фразу в кавычках».',
      }),
    );
  }
  let text = (tokens[0] as { text: string }).text;
  if (tokens.length > 1) {
    const joined = tokens.map((tk) => tk.text).join(' ');
    if (brands.resolve(joined) === null) {
      const bad = (tokens[tokens.length - 1] as { text: string }).text;
      throw new KestrelError(
        'INPUT_INVALID',
        t(lang, {
          en: `"${bad}" is not a period (${PERIOD_CHOICES}). To search for several words together, put them in quotes: /mentions "${joined}"`,
          ru: `«${bad}» — не период (${PERIOD_CHOICES}). Чтобы искать несколько слов вместе, возьмите их в кавычки: /mentions "${joined}"`,
        }),
      );
    }
    text = joined;
  }
  const target = parseTarget(text, brands);
  if (!target) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(lang, {
        en: `"${text}" has no letters or digits to search for.`,
        ru: `В «${text}» нет ни букв, ни цифр — искать нечего.`,
      }),
    );
  }
  return { target, period };
}

/** The stored-mention filter for a brand, or a safe full-text query (with inflected forms of one Russian word). */
function filterOf(target: Target, queries: MentionQueries): { filter: MentionFilter; forms: string[] } {
  if (target.kind === 'brand') return { filter: { kind: 'brand', brand: target.brand }, forms: [] };
  if (target.kind === 'handle') {
    const match = ftsQuery([{ phrase: target.handle.split('_').filter((w) => w.length > 0) }]);
    return { filter: { kind: 'search', match, handle: target.handle }, forms: [] };
  }
  const word = target.words[0] as string;
  if (target.words.length === 1 && CYRILLIC.test(word)) {
    const base = stem(word);
    if ([...base].length >= MIN_STEM) {
      const forms = queries.wordForms(base, MAX_ENDING, MAX_FORMS).filter((f) => f !== word);
      return { filter: { kind: 'search', match: ftsQuery([{ anyOf: [word, ...forms] }]) }, forms };
    }
  }
  return { filter: { kind: 'search', match: ftsQuery([{ phrase: target.words }]) }, forms: [] };
}

/** This brand's share among itself and its rivals: competitors for an own brand, all other brands for a competitor. */
function shareOfVoice(
  brand: string,
  brands: BrandSet,
  queries: MentionQueries,
  from: number,
  to: number,
): Map<string, number> | null {
  const rivals = brands.competitors.includes(brand)
    ? brands.names.filter((n) => n !== brand)
    : brands.competitors.filter((n) => n !== brand);
  if (rivals.length === 0) return null;
  return queries.brandCounts([brand, ...rivals], from, to);
}
