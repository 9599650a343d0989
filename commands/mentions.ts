import type { Command } from '../src/chat/command.js';
import { t } from '../src/chat/i18n.js';
import type { Reply } from '../src/chat/reply.js';
import { KestrelError } from '../src/errors.js';
import type { XVolume } from '../src/monitor/x-volume.js';
import { formatQuery, type QueryNode } from '../src/query/ast.js';
import { QUERY_SYNTAX } from '../src/query/syntax.js';
import type { MentionFilter, MentionQueries } from '../src/store/mention-queries.js';
import type { WatchStore } from '../src/store/watch-store.js';
import { timezoneOr } from '../src/time/timezone.js';

const DAY_MS = 86_400_000;

import { parseMentionsArgs } from './args/mention-query.js';
import { bucketEdges, type Period } from './args/period.js';
import { type BrandResolver, createBrandResolver, type Target } from './args/target.js';
import { compareReply } from './mentions-compare.js';
import { exportReply } from './mentions-export.js';
import { type BrandSet, displayOf, mentionsReply } from './mentions-reply.js';

export interface MentionsDeps {
  queries: MentionQueries;
  /**
   * Brand watches (any chat's) decide what is a brand; the rivals in the share of voice are the brands this
   * chat can see (the config's and its own), so no chat learns what another one watches.
   */
  watches: WatchStore;
  /** Draw the PNG chart (default true). */
  renderChart?: boolean;
  /** X-wide volume of the query (one counts request, cached an hour); none: only what is stored. */
  volume?: XVolume;
}

const USAGE = {
  en: '<query> [24h | 7d | 30d | 90d | from YYYY-MM-DD to YYYY-MM-DD] [csv]; query: words, "phrase", OR, -word, ( ), from:@handle, lang:ru|en, is:reply, brand, @handle, #tag; compare: a vs b vs c',
  ru: '<запрос> [24h | 7d | 30d | 90d | from ГГГГ-ММ-ДД to ГГГГ-ММ-ДД] [csv]; запрос: слова, "фраза", OR, -слово, ( ), from:@аккаунт, lang:ru|en, is:reply, бренд, @аккаунт, #тег; сравнение: a vs b vs c',
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
    syntax: QUERY_SYNTAX,
    examples: [
      '/mentions yandex',
      '/mentions яндекс -такси 30d',
      '/mentions (rust OR golang) lang:ru',
      '/mentions "code review" 24h',
      '/mentions @kate_backend',
      '/mentions yandex vs sber vs vk 30d',
      '/mentions yandex 7d csv',
    ],
    async run(ctx, args): Promise<Reply> {
      const brands = brandsNow(ctx.chat.id);
      const parsed = parseMentionsArgs(args, (text) => brands.resolver.resolve(text), ctx.lang, ctx.now);
      const { period } = parsed;
      const zone = timezoneOr(ctx.timezone);
      const { from, to } = windowOf(period, ctx.now);
      const edges = bucketEdges(from, to, period.bucket, zone);
      if (parsed.queries.length > 1 && parsed.csv) {
        throw new KestrelError(
          'INPUT_INVALID',
          t(ctx.lang, {
            en: 'A CSV file holds one query: export each one on its own, e.g. /mentions yandex 30d csv',
            ru: 'В CSV-файл выгружается один запрос: выгрузите каждый отдельно, например /mentions яндекс 30d csv',
          }),
        );
      }
      if (parsed.queries.length > 1) {
        return compareReply({
          ctx: { ...ctx, timezone: zone },
          period,
          edges,
          entries: parsed.queries.map(({ root }) => ({
            name: displayOf(targetOf(root), ctx.lang),
            summary: deps.queries.summarize(filterOf(root), { from, to, edges, top: 0, authors: 0 }),
          })),
          renderChart: deps.renderChart ?? true,
        });
      }
      const root = (parsed.queries[0] as { root: QueryNode }).root;
      const target = targetOf(root);
      if (parsed.csv) {
        const name = displayOf(target, ctx.lang);
        return exportReply({ ctx, queries: deps.queries, root, name, period, from, to });
      }
      const summary = deps.queries.summarize(filterOf(root), { from, to, edges });
      const share =
        target.kind === 'brand' ? shareOfVoice(target.brand, brands, deps.queries, from, to) : null;
      const volume = deps.volume
        ? await deps.volume.volume(root, period.ms <= DAY_MS ? 'hour' : 'day')
        : null;
      return mentionsReply({
        ctx: { ...ctx, timezone: zone },
        target,
        period,
        edges,
        summary,
        share,
        forms: summary.forms,
        volume,
        renderChart: deps.renderChart ?? true,
      });
    },
  };
}

/** The stored-mention filter of a query: a lone brand reads its own tables, anything else is compiled. */
function filterOf(root: QueryNode): MentionFilter {
  return root.type === 'brand' ? { kind: 'brand', brand: root.brand } : { kind: 'query', root };
}

/** How the reply names a query. */
export function targetOf(root: QueryNode): Target {
  const input = formatQuery(root);
  switch (root.type) {
    case 'brand':
      return { kind: 'brand', brand: root.brand, input };
    case 'mention':
      return { kind: 'handle', handle: root.handle, input };
    case 'word':
      return { kind: 'text', words: [root.word], input };
    case 'phrase':
      return { kind: 'text', words: root.words, input };
    default:
      return { kind: 'query', input };
  }
}

/** `[from, to)` of a period ending now, or of the days it names. */
export function windowOf(period: Period, now: number): { from: number; to: number } {
  return period.range ?? { from: now - period.ms, to: now };
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
