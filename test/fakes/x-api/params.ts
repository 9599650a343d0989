import type { FieldSelection, WireInvalidRequest } from './wire-types.js';

/** Query parameters every endpoint accepts besides its own (field selection and expansions). */
const FIELD_PARAMS = [
  'expansions',
  'tweet.fields',
  'user.fields',
  'media.fields',
  'poll.fields',
  'place.fields',
];

const INVALID = {
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
} as const;
const TWEET_FIELDS =
  'attachments,author_id,card_uri,context_annotations,conversation_id,created_at,edit_controls,edit_history_tweet_ids,entities,geo,id,in_reply_to_user_id,lang,non_public_metrics,note_tweet,organic_metrics,possibly_sensitive,promoted_metrics,public_metrics,referenced_tweets,reply_settings,source,text,withheld'.split(
    ',',
  );
const USER_FIELDS =
  'created_at,description,entities,id,location,most_recent_tweet_id,name,pinned_tweet_id,profile_image_url,protected,public_metrics,url,username,verified,verified_type,withheld'.split(
    ',',
  );
const TWEET_EXPANSIONS =
  'attachments.media_keys,attachments.poll_ids,author_id,edit_history_tweet_ids,entities.mentions.username,geo.place_id,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id'.split(
    ',',
  );

/** A rejected parameter; the server answers it with HTTP 400 and {@link InvalidRequest.body}. */
export class InvalidRequest extends Error {
  constructor(
    readonly parameter: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
  body(): WireInvalidRequest {
    return {
      errors: [{ parameters: { [this.parameter]: [this.value] }, message: this.message }],
      ...INVALID,
    };
  }
}

/** Parsed query string with X-style validation helpers. */
export class Params {
  constructor(
    private readonly q: URLSearchParams,
    allowed: string[],
  ) {
    for (const name of q.keys()) {
      if (!allowed.includes(name) && !FIELD_PARAMS.includes(name))
        throw new InvalidRequest(
          name,
          q.get(name) ?? '',
          `The query parameter [${name}] is not one of [${allowed.join(',')}]`,
        );
    }
  }
  get(name: string): string | undefined {
    return this.q.get(name) ?? undefined;
  }
  list(name: string, allowed?: string[]): string[] {
    const raw = this.get(name);
    if (raw === undefined) return [];
    const values = raw.split(',');
    const bad = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
    if (bad !== undefined)
      throw new InvalidRequest(
        name,
        bad,
        `The \`${name}\` query parameter value [${bad}] is not one of [${allowed!.join(',')}]`,
      );
    return values;
  }
  id(name: string): string | undefined {
    const v = this.get(name);
    if (v !== undefined && !/^[0-9]{1,19}$/.test(v))
      throw new InvalidRequest(
        name,
        v,
        `The \`${name}\` query parameter value [${v}] does not match ^[0-9]{1,19}$`,
      );
    return v;
  }
  int(name: string, min: number, max: number, def: number): number {
    const v = this.get(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max)
      throw new InvalidRequest(
        name,
        v,
        `The \`${name}\` query parameter value [${v}] is not between ${min} and ${max}`,
      );
    return n;
  }
  time(name: string): number | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t))
      throw new InvalidRequest(
        name,
        v,
        `The \`${name}\` query parameter value [${v}] is not a valid RFC3339 date-time`,
      );
    return t;
  }
  fields(): FieldSelection {
    return {
      tweetFields: new Set(this.list('tweet.fields', TWEET_FIELDS)),
      userFields: new Set(this.list('user.fields', USER_FIELDS)),
      expansions: new Set(this.list('expansions', TWEET_EXPANSIONS)),
    };
  }
}
