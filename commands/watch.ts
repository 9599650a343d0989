import type { Command } from '../src/chat/command.js';
import type { CommandContext } from '../src/chat/context.js';
import { formatNumber, type Lang, t } from '../src/chat/i18n.js';
import { type Reply, type ReplyItem, textReply } from '../src/chat/reply.js';
import { KestrelError } from '../src/errors.js';
import { describeEstimate } from '../src/monitor/describe-estimate.js';
import type { Estimate, Estimator, Prices } from '../src/monitor/estimate.js';
import { clausesOf } from '../src/planner/atoms.js';
import { packQueries } from '../src/planner/pack.js';
import type { WatchStore } from '../src/store/watch-store.js';
import type { Watch, WatchSpec } from '../src/watch/types.js';
import { invalid, parseListId } from './args/ids.js';
import { describeWatchSpec, KIND_NAMES, parseWatchSpec } from './args/watch-spec.js';
import { splitSubcommand } from './args/words.js';

/** What `/watch` needs. */
export interface WatchCommandDeps {
  watches: Pick<WatchStore, 'list' | 'add' | 'remove'>;
  /** Asks X (or the demo corpus) how much a new watch would read before it starts; none: no estimate. */
  estimator?: Estimator;
  prices?: Prices;
  /** Why a watch is not read now (paused by the budget or its cap, backing off), if it is not. */
  statusOf?: (watchId: number, now: number, lang: Lang) => string | null;
  /** What the watch gave up over the budget lately (recorded over-budget gaps), if anything. */
  skipsOf?: (watchId: number, now: number, lang: Lang) => string | null;
  /** The X tier's query length limit (`x.queryMaxLength`). */
  queryMaxLength: number;
  /** Operators the poller adds to every query (default `-is:retweet`, the longer case). */
  querySuffix?: string;
  /** Most search queries one watch may need on its own (default 2). */
  maxQueriesPerWatch?: number;
}

const TITLE = '/watch';

/**
 * `/watch add brand <name> [aliases…]`, `/watch add jobs <query>`, `/watch add topic <words…>`,
 * `/watch add expert @handle`, `/watch list`, `/watch remove <id>`: what the monitor follows for this
 * chat. Everyone may list; in groups and channels only admins may add or remove. Every word goes
 * through `parseTerm`, so no input can add X operators to a query.
 */
export function createWatchCommand(deps: WatchCommandDeps): Command {
  const suffix = deps.querySuffix ?? '-is:retweet';
  const maxQueries = deps.maxQueriesPerWatch ?? 2;

  async function add(ctx: CommandContext, rest: string): Promise<Reply> {
    const { sub: kind, rest: words } = splitSubcommand(rest);
    const confirmed = /(^|\s)confirm$/i.test(words.trim());
    const body = confirmed ? words.trim().replace(/\s*confirm$/i, '') : words;
    const parsed = parseWatchSpec(kind, body);
    if (!parsed.ok) invalid(ctx, parsed.problem);
    const spec = parsed.spec;
    const name = spec.name.toLowerCase();
    const clash = [...deps.watches.list(ctx.chat.id), ...configWatches()].find(
      (w) => w.spec.kind === spec.kind && w.spec.name.toLowerCase() === name,
    );
    if (clash) {
      invalid(ctx, {
        en: `${KIND_NAMES[spec.kind].en} "${spec.name}" is already watched (#${clash.id}${clash.origin === 'config' ? ', from the config, for everyone' : ''}).`,
        ru: `${capital(KIND_NAMES[spec.kind].ru)} «${spec.name}» уже отслеживается (#${clash.id}${clash.origin === 'config' ? ', из конфигурации, для всех' : ''}).`,
      });
    }
    const clauses = checkPacks(ctx, spec);
    const estimate = await estimateOf(ctx, spec, confirmed, `/watch add ${kind} ${body.trim()} confirm`);
    if (estimate.stop) return estimate.stop;
    let watch: Watch;
    try {
      watch = deps.watches.add(spec, ctx.chat.id, ctx.now);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      invalid(ctx, {
        en: `"${spec.name}" is already watched here.`,
        ru: `«${spec.name}» здесь уже отслеживается.`,
      });
    }
    return textReply(
      TITLE,
      t(ctx.lang, {
        en: `Now watching ${KIND_NAMES[spec.kind].en} "${spec.name}" (#${watch.id}) for this chat.${estimate.line ? `\n${estimate.line}` : ''}\nSearch: ${clauses}`,
        ru: `Теперь отслеживаю: ${KIND_NAMES[spec.kind].ru} «${spec.name}» (#${watch.id}) для этого чата.${estimate.line ? `\n${estimate.line}` : ''}\nПоиск: ${clauses}`,
      }),
    );
  }

  /**
   * The estimate of a new watch, in a line, and the reply that stops the add when the watch would take more
   * than its share (or could not be estimated) and `confirm` was not given.
   */
  async function estimateOf(
    ctx: CommandContext,
    spec: WatchSpec,
    confirmed: boolean,
    again: string,
  ): Promise<{ line: string | null; stop: Reply | null }> {
    if (!deps.estimator) return { line: null, stop: null };
    let estimate: Estimate;
    try {
      estimate = await deps.estimator.estimate(spec);
    } catch (error) {
      if (confirmed) return { line: null, stop: null };
      const reason = (error as Error).message;
      return {
        line: null,
        stop: textReply(
          TITLE,
          t(ctx.lang, {
            en: `Could not ask X how much this would read first (${reason}). To add it anyway: ${again}`,
            ru: `Не удалось сначала узнать у X, сколько это будет читать (${reason}). Добавить всё равно: ${again}`,
          }),
          'refusal',
        ),
      };
    }
    const line = describeEstimate(estimate, ctx.lang, deps.prices);
    if (!estimate.overShare || confirmed) return { line, stop: null };
    const share = formatNumber(ctx.lang, estimate.share);
    return {
      line,
      stop: textReply(
        TITLE,
        t(ctx.lang, {
          en: `${line}\nThat is more than a watch's share of ${share} posts a day (x.maxReadsPerWatchPerDay, or today's allowance): it would read the first ${share} posts of each day and skip the rest of that day (shown in /stats). Not added. To add it anyway: ${again}`,
          ru: `${line}\nЭто больше доли одного отслеживания — ${share} постов в день (x.maxReadsPerWatchPerDay или дневная норма): каждый день оно прочитает первые ${share} постов, а остальные посты этого дня пропустит (видно в /stats). Не добавлено. Добавить всё равно: ${again}`,
        }),
        'refusal',
      ),
    };
  }

  /** The watch's clauses joined as X would read them; refuses a watch that does not fit the query limit. */
  function checkPacks(ctx: CommandContext, spec: WatchSpec): string {
    const clauses = clausesOf({ id: 0, chatId: ctx.chat.id, origin: 'chat', spec, specHash: '' });
    const longest = Math.max(...clauses.clauses.map((c) => c.length));
    let queries: number;
    try {
      queries = packQueries([clauses], { maxLength: deps.queryMaxLength, suffix }).length;
    } catch (error) {
      if (!(error instanceof KestrelError)) throw error;
      queries = Number.POSITIVE_INFINITY;
    }
    if (queries > maxQueries) {
      invalid(ctx, {
        en: `This watch does not fit the X query limit of ${deps.queryMaxLength} characters (its longest search clause is ${longest} characters, ${clauses.clauses.length} clauses in all). Use fewer or shorter words.`,
        ru: `Это не помещается в лимит запроса X в ${deps.queryMaxLength} символов (самая длинная часть — ${longest} символов, всего частей: ${clauses.clauses.length}). Сократите слова или их число.`,
      });
    }
    const text = clauses.clauses.join(' OR ');
    return text.length > 300 ? `${text.slice(0, 299)}…` : text;
  }

  function configWatches(): Watch[] {
    return deps.watches.list('').filter((w) => w.origin === 'config');
  }

  function list(ctx: CommandContext): Reply {
    const own = deps.watches.list(ctx.chat.id).filter((w) => w.origin === 'chat');
    const global = configWatches();
    const item = (w: Watch): ReplyItem => {
      const notes = [
        deps.statusOf?.(w.id, ctx.now, ctx.lang),
        deps.skipsOf?.(w.id, ctx.now, ctx.lang),
      ].filter((note): note is string => Boolean(note));
      return {
        text: `#${w.id} ${describeWatchSpec(w.spec, ctx.lang)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
      };
    };
    return {
      title: t(ctx.lang, { en: 'What this chat watches', ru: 'Что отслеживает этот чат' }),
      blocks: [
        own.length > 0
          ? { type: 'items', heading: t(ctx.lang, { en: 'This chat', ru: 'Этот чат' }), items: own.map(item) }
          : {
              type: 'text',
              heading: t(ctx.lang, { en: 'This chat', ru: 'Этот чат' }),
              text: t(ctx.lang, {
                en: 'Nothing of its own yet. Add: /watch add topic typescript',
                ru: 'Своего пока ничего. Добавить: /watch add topic typescript',
              }),
            },
        ...(global.length > 0
          ? [
              {
                type: 'items' as const,
                heading: t(ctx.lang, {
                  en: 'For everyone, from the config (not removable here)',
                  ru: 'Для всех, из конфигурации (здесь не удалить)',
                }),
                items: global.map((w) => ({
                  ...item(w),
                  note: t(ctx.lang, { en: 'config', ru: 'конфигурация' }),
                })),
              },
            ]
          : []),
      ],
      footer: t(ctx.lang, {
        en: 'Remove one of this chat: /watch remove <id>',
        ru: 'Удалить свою: /watch remove <номер>',
      }),
      tone: 'normal',
    };
  }

  function remove(ctx: CommandContext, rest: string): Reply {
    const id = parseListId(ctx, rest, { en: 'watch', ru: 'отслеживания' }, '/watch list');
    const own = deps.watches.list(ctx.chat.id).find((w) => w.id === id && w.origin === 'chat');
    if (!own) {
      const fromConfig = configWatches().some((w) => w.id === id);
      invalid(
        ctx,
        fromConfig
          ? {
              en: `#${id} comes from the config file and applies to everyone; it cannot be removed from a chat. Whoever runs Kestrel can change kestrel.config.yaml.`,
              ru: `#${id} задан в файле конфигурации и действует для всех; из чата его не удалить. Его может изменить тот, кто запускает Kestrel (kestrel.config.yaml).`,
            }
          : {
              en: `This chat has no watch #${id}. See /watch list`,
              ru: `В этом чате нет отслеживания #${id}. См. /watch list`,
            },
      );
    }
    deps.watches.remove(id, ctx.now);
    return textReply(
      TITLE,
      t(ctx.lang, {
        en: `Stopped watching ${KIND_NAMES[own.spec.kind].en} "${own.spec.name}" (#${id}).`,
        ru: `Больше не отслеживаю: ${KIND_NAMES[own.spec.kind].ru} «${own.spec.name}» (#${id}).`,
      }),
    );
  }

  return {
    name: 'watch',
    aliases: [],
    summary: { en: 'what this chat watches on X', ru: 'что этот чат отслеживает в X' },
    usage: {
      en: 'add brand <name> [aliases…] | add jobs <words, all must appear> | add topic <words or "phrases", any may appear> | add expert @handle (end with confirm to add a watch over its share) | list | remove <id>',
      ru: 'add brand <название> [варианты…] | add jobs <слова, нужны все> | add topic <слова или "фразы", любое из них> | add expert @ник (confirm в конце — добавить сверх доли) | list | remove <номер>',
    },
    examples: [
      '/watch add brand Tinkoff Тинькофф @tinkoff',
      '/watch add jobs вакансия golang',
      '/watch add topic typescript "code review"',
      '/watch add expert @kate_backend',
      '/watch list',
      '/watch remove 12',
    ],
    async run(ctx, args) {
      const { sub, rest } = splitSubcommand(args);
      if (sub === '' || sub === 'list') {
        if (rest)
          invalid(ctx, { en: '/watch list takes no arguments.', ru: '/watch list пишется без аргументов.' });
        return list(ctx);
      }
      if (sub !== 'add' && sub !== 'remove') {
        invalid(ctx, {
          en: `Unknown subcommand "${sub}": use add, list or remove.`,
          ru: `Неизвестная подкоманда «${sub}»: есть add, list и remove.`,
        });
      }
      if (ctx.chat.kind !== 'private' && !ctx.isAdmin) {
        return textReply(
          TITLE,
          t(ctx.lang, {
            en: 'Only admins of this chat can change what it watches. Everyone can see it: /watch list',
            ru: 'Менять отслеживание могут только администраторы чата. Посмотреть может каждый: /watch list',
          }),
          'refusal',
        );
      }
      return sub === 'add' ? await add(ctx, rest) : remove(ctx, rest);
    },
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Refuses with a message in the chat's language; the registry adds the usage line. */
