/** What the fake Slack stores and offers to tests. */
/** A message as the fake Slack stores it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks: unknown[];
  /** True for a person's message recorded from an event; false/absent for the bot's. */
  user?: boolean;
}

/** A file shared through files.completeUploadExternal. */
export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  altText?: string;
  bytes: Buffer;
  channel?: string;
  threadTs?: string;
}

/** A post to a slash command's response_url. */
export interface FakeResponse {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

/** One Web API call as received, for assertions. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
}

export type Injected =
  | { kind: 'ratelimited' }
  | { kind: 'error'; error: string }
  | { kind: 'http'; status: number };

/**
 * A fake Slack Web API on 127.0.0.1, reached by the real WebClient through `slackApiUrl`: auth.test,
 * chat.postMessage (with Block Kit validation and Slack's errors), conversations.open, users.info, the
 * files.getUploadURLExternal → upload URL → files.completeUploadExternal flow, and response_url posts.
 * Channels are declared with their state (archived, bot not a member); failures can be injected per method.
 */
export interface FakeSlack {
  /** Web API base, e.g. `http://127.0.0.1:1234/api/`. */
  readonly apiUrl: string;
  readonly team: string;
  readonly botUserId: string;
  readonly token: string;
  readonly messages: FakeMessage[];
  readonly files: FakeFile[];
  readonly responses: FakeResponse[];
  readonly calls: FakeCall[];
  /** A response_url for a slash command; posts to it land in `responses` under this id. */
  responseUrl(id: string): string;
  addChannel(id: string, state?: { archived?: boolean; member?: boolean }): void;
  addUser(user: FakeUser): void;
  /** Records a person's message (what an event announces), so replies can thread under it. */
  recordUserMessage(channel: string, ts: string, text: string): void;
  /** The next call of `method` fails: 429 with the recorded Retry-After, a Slack error, or an HTTP status. */
  failNext(method: string, failure: Injected): void;
  /** Every chat.update accepted, oldest first. */
  readonly updates: { channel: string; ts: string }[];
  /**
   * The body Slack posts to the Request URL when a person uses an element of a bot message: a
   * `block_actions` payload (form field `payload`) with the message as it is now, the action, and a
   * response_url at this fake (posts land in `responses` under `responseId`).
   */
  blockActions(
    message: FakeMessage,
    user: string,
    action: { block_id: string; action_id: string; value?: string; selected?: string },
  ): { body: string; responseId: string };
  /** What a person sees in a conversation: block texts (mrkdwn entities decoded), oldest first. */
  visibleTexts(channel: string): string[];
  close(): Promise<void>;
}
