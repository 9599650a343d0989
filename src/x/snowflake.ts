/** X ids are snowflakes: milliseconds since the Twitter epoch in the bits above 22. */
const TWITTER_EPOCH = 1288834974657n;

/** The creation time (epoch ms) encoded in an X id. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

/** The smallest id that X could give a tweet created at `ms`: a since_id meaning "everything after ms". */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.floor(ms)) - TWITTER_EPOCH) << 22n).toString();
}

/** Moves an id by `ms` of time, keeping its low (worker/sequence) bits. */
export function shiftSnowflake(id: string, ms: number): string {
  return (BigInt(id) + (BigInt(Math.round(ms)) << 22n)).toString();
}
