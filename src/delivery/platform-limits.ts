/** The chat platforms the dispatcher routes to, by the prefix of a target id (`telegram:…`). */
export type Platform = 'console' | 'telegram' | 'slack';

export const PLATFORMS: readonly Platform[] = ['console', 'telegram', 'slack'];

/** A published limit: at most `limit` messages in any window of `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** What a platform allows a bot: overall, per target, and per group target on top of that. */
export interface PlatformLimits {
  /** All messages of the bot on the platform; null when unlimited. */
  global: RateWindow | null;
  /** Each target (chat, channel, person); null when unlimited. */
  perTarget: RateWindow | null;
  /** Group targets, in addition to `perTarget`; null when groups have no limit of their own. */
  perGroup: RateWindow | null;
}

/**
 * The published limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this,
 * https://api.slack.com/methods/chat.postMessage#rate_limiting): Telegram about 30 messages per second
 * overall, 1 per second per chat and 20 per minute per group; Slack about 1 per second per channel; the
 * console is unlimited.
 */
export const PUBLISHED_LIMITS: Readonly<Record<Platform, PlatformLimits>> = {
  telegram: {
    global: { limit: 30, windowMs: 1000 },
    perTarget: { limit: 1, windowMs: 1000 },
    perGroup: { limit: 20, windowMs: 60_000 },
  },
  slack: { global: null, perTarget: { limit: 1, windowMs: 1000 }, perGroup: null },
  console: { global: null, perTarget: null, perGroup: null },
};

/** The platform of a target id (`telegram:-100…` → telegram), or null for an unknown prefix. */
export function platformOf(target: string): Platform | null {
  const prefix = target.slice(0, target.indexOf(':'));
  return (PLATFORMS as readonly string[]).includes(prefix) ? (prefix as Platform) : null;
}

/**
 * Whether a target is a group for its platform's limits: Telegram chat ids below zero are groups,
 * supergroups and channels; Slack channel ids (C…, G…) as opposed to people (U…, W…) and DMs (D…).
 */
export function isGroupTarget(target: string): boolean {
  const platform = platformOf(target);
  const rest = target.slice(target.indexOf(':') + 1);
  if (platform === 'telegram') return rest.startsWith('-');
  if (platform === 'slack') return /^[CG]/.test(rest.slice(rest.lastIndexOf(':') + 1));
  return platform === 'console' && rest === 'team';
}

/** Limits multiplied by `factor` (more messages per window), for benchmarks and tests that must be short. */
export function scaleLimits(limits: PlatformLimits, factor: number): PlatformLimits {
  const scale = (window: RateWindow | null): RateWindow | null =>
    window === null ? null : { limit: window.limit * factor, windowMs: window.windowMs };
  return {
    global: scale(limits.global),
    perTarget: scale(limits.perTarget),
    perGroup: scale(limits.perGroup),
  };
}
