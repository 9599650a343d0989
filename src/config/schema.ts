import cron from 'node-cron';
import { z } from 'zod';
import { canonicalTimezone } from '../time/timezone.js';
import { ALIAS_RULE, isValidAlias } from '../watch/aliases.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const timezone = nonEmpty.refine((name) => canonicalTimezone(name) !== null, {
  message: 'is not an IANA timezone; use a name like Europe/Moscow or UTC',
});

const cronExpression = nonEmpty.refine((value) => cron.validate(value), {
  message: 'is not a valid cron expression; use five fields like "*/15 * * * *" (every 15 minutes)',
});

/** A search term: a word, several words that must all appear, or a "quoted phrase". */
const term = nonEmpty.max(200, 'is longer than 200 characters');

/** A brand alias, checked by the same rules as one typed in `/watch add brand`. */
const alias = nonEmpty.refine(isValidAlias, { message: `is not an alias: ${ALIAS_RULE}` });

const brand = z.strictObject({
  name: nonEmpty,
  aliases: z.array(alias).min(1, 'needs at least one alias, e.g. [Яндекс, Yandex]'),
  exclude: z.array(nonEmpty).default([]),
  competitor: z.boolean().default(false),
});

const jobs = z.strictObject({
  name: nonEmpty,
  terms: z.array(term).min(1, 'needs at least one term, e.g. [вакансия backend, "hiring backend"]'),
  lang: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter language code like ru or en')
    .optional(),
});

const topic = jobs;

const expert = z.strictObject({
  handle: z
    .string()
    .trim()
    .regex(
      /^@?[A-Za-z0-9_]{1,15}$/,
      'must be an X username: letters, digits and _ only, at most 15 characters',
    ),
});

/** The whole of `kestrel.config.yaml`. Unknown keys are errors, not ignored. */
export const configSchema = z.strictObject({
  poll: z
    .strictObject({
      schedule: cronExpression.default('*/15 * * * *'),
      timezone: timezone.default('UTC'),
    })
    .default({ schedule: '*/15 * * * *', timezone: 'UTC' }),
  x: z
    .strictObject({
      queryMaxLength: z
        .number()
        .int()
        .refine((n) => n === 512 || n === 1024 || n === 4096, {
          message: 'must be 512 (Basic tier), 1024 (Pro) or 4096 (Enterprise)',
        })
        .default(512),
      monthlyReadBudget: z.number().int().positive('must be a positive number of tweets').default(10_000),
      maxReadsPerWatchPerDay: z
        .number()
        .int()
        .min(10, 'must be at least 10 (the smallest page X serves)')
        .default(100),
      backfillDays: z.number().min(0).max(7, 'must be at most 7: X searches the last 7 days').default(1),
      pricePerRead: z.number().min(0, 'must be a price in US dollars, e.g. 0.005').default(0.005),
      pricePerCountsRequest: z.number().min(0, 'must be a price in US dollars, e.g. 0.005').default(0.005),
      excludeRetweets: z.boolean().default(true),
      /** `/mentions` also asks X for the query's volume on all of X (one counts request, cached an hour). */
      countsForMentions: z.boolean().optional(),
    })
    .default({
      queryMaxLength: 512,
      monthlyReadBudget: 10_000,
      maxReadsPerWatchPerDay: 100,
      backfillDays: 1,
      pricePerRead: 0.005,
      pricePerCountsRequest: 0.005,
      excludeRetweets: true,
    }),
  storage: z
    .strictObject({ path: nonEmpty.default('./data/kestrel.db') })
    .default({ path: './data/kestrel.db' }),
  delivery: z
    .strictObject({
      digestGraceMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(180),
      alertBundleOver: z.number().int().min(1).max(100).default(5),
      /** A chat that comes back within this many hours gets the messages it missed (0: never). */
      reviveWithinHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(24),
      spike: z
        .strictObject({
          sigmas: z.number().positive().default(3),
          minCount: z.number().int().min(1).default(5),
          days: z.number().int().min(1).max(60).default(14),
          cooldownHours: z.number().min(0).default(6),
        })
        .default({ sigmas: 3, minCount: 5, days: 14, cooldownHours: 6 }),
      currencyRates: z
        .record(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD'), z.number().positive())
        .default({ RUB: 1, USD: 90, EUR: 98, GBP: 115, KZT: 0.18, BYN: 28, UAH: 2.2 }),
    })
    .default({
      digestGraceMinutes: 180,
      alertBundleOver: 5,
      reviveWithinHours: 24,
      spike: { sigmas: 3, minCount: 5, days: 14, cooldownHours: 6 },
      currencyRates: { RUB: 1, USD: 90, EUR: 98, GBP: 115, KZT: 0.18, BYN: 28, UAH: 2.2 },
    }),
  health: z
    .strictObject({
      /** Port of GET /healthz and GET /metrics while `kestrel start` runs (0 picks a free one). */
      port: z.number().int().min(0).max(65535).default(9464),
      /** Interface to listen on; loopback unless set (e.g. 0.0.0.0 in a container). */
      host: nonEmpty.default('127.0.0.1'),
    })
    .default({ port: 9464, host: '127.0.0.1' }),
  teach: z
    .strictObject({
      /** Retrain the team model after this many new feedback votes (0: only nightly and `kestrel model retrain`). */
      retrainEvery: z.number().int().min(0).max(10_000).default(20),
      /** node-cron expression (in poll.timezone) of the nightly retraining when there are new votes; "off" to never. */
      nightly: z
        .string()
        .refine(
          (v) => v === 'off' || cron.validate(v),
          'must be a node-cron expression like "30 3 * * *" or "off"',
        )
        .default('30 3 * * *'),
      /** Largest drop of macro-F1 or accuracy on the shipped labelled set a team model may have and still be used. */
      guardMargin: z.number().min(0).max(0.2).default(0.01),
      /** The shipped labelled set the guard measures on (JSON lines: text, lang, label). */
      guardSet: nonEmpty.default('test/fixtures/labelled/dev.jsonl'),
    })
    .default({
      retrainEvery: 20,
      nightly: '30 3 * * *',
      guardMargin: 0.01,
      guardSet: 'test/fixtures/labelled/dev.jsonl',
    }),
  telegram: z
    .strictObject({
      /** Receive updates by webhook (the secret comes from TELEGRAM_WEBHOOK_SECRET); else long polling. */
      webhook: z
        .strictObject({
          url: z.url({ message: 'must be the public https URL Telegram posts updates to' }),
          port: z.number().int().min(1).max(65535).default(8443),
          host: z.string().default('0.0.0.0'),
        })
        .optional(),
    })
    .default({}),
  slack: z
    .strictObject({
      mode: z.enum(['http', 'socket']).default('http'),
      port: z.number().int().min(1).max(65535).default(3000),
      admins: z
        .array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id like U012ABCDEF'))
        .default([]),
    })
    .default({ mode: 'http', port: 3000, admins: [] }),
  brands: z.array(brand).default([]),
  jobs: z.array(jobs).default([]),
  topics: z.array(topic).default([]),
  experts: z.array(expert).default([]),
});

export type KestrelConfig = z.infer<typeof configSchema>;
export type BrandConfig = z.infer<typeof brand>;
