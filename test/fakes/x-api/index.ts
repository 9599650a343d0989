export type { QueryNode } from './query.js';
export { matchesQuery, parseQuery, QueryParseError, wordTokens } from './query.js';
export type { FakeXFault, FakeXRequest, FakeXServer, FakeXServerOptions } from './server.js';
export { startFakeXServer } from './server.js';
export { FakeXStore, snowflakeAt, snowflakeTime, TWITTER_EPOCH } from './store.js';
export type {
  FieldSelection,
  WireIncludes,
  WireInvalidRequest,
  WireLookup,
  WireMeta,
  WireProblem,
  WirePublicMetrics,
  WireResourceError,
  WireSearchPage,
  WireTweet,
  WireTweetEntities,
  WireUrlEntity,
  WireUser,
} from './wire-types.js';
