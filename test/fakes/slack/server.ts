import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockActionsPayload } from './block-actions.js';
import { blockChars, validateBlocks } from './block-kit.js';
import { rateLimitedFixture } from './fixtures.js';
import type {
  FakeCall,
  FakeFile,
  FakeMessage,
  FakeResponse,
  FakeSlack,
  FakeUser,
  Injected,
} from './types.js';
import { json, parseJson, parseParams, readBody, visibleText } from './wire.js';

export type { FakeCall, FakeFile, FakeMessage, FakeResponse, FakeSlack, FakeUser } from './types.js';
export { visibleText } from './wire.js';

export async function startFakeSlack(options: { token?: string; team?: string } = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-test-token';
  const team = options.team ?? 'T0FAKE001';
  const botUserId = 'U0KESTREL';
  const channels = new Map<string, { archived: boolean; member: boolean }>();
  const users = new Map<string, FakeUser>();
  const failures = new Map<string, Injected[]>();
  const uploads = new Map<string, { filename: string; length: number; altText?: string; bytes?: Buffer }>();
  const messages: FakeMessage[] = [];
  const files: FakeFile[] = [];
  const responses: FakeResponse[] = [];
  const calls: FakeCall[] = [];
  const updates: { channel: string; ts: string }[] = [];
  let clock = 1_767_376_988;
  let seq = 0;
  const nextTs = () => `${clock++}.${String(++seq).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith('/commands/')) return responseUrlPost(path.slice('/commands/'.length), raw, res);
    if (path.startsWith('/upload/')) return uploadPost(path.slice('/upload/'.length), raw, res);
    const method = path.replace(/^\/api\//, '');
    const params = parseParams(req.headers['content-type'] ?? '', raw);
    calls.push({ method, params });
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? String(params.token ?? '');
    if (bearer !== token) return json(res, { error: 'invalid_auth', ok: false });
    const injected = failures.get(method)?.shift();
    if (injected?.kind === 'ratelimited') {
      const recorded = rateLimitedFixture();
      res.writeHead(recorded.status, {
        'content-type': recorded.headers['content-type'] ?? 'application/json',
        'retry-after': recorded.headers['retry-after'] ?? '1',
      });
      return res.end(recorded.body);
    }
    if (injected?.kind === 'http') {
      res.writeHead(injected.status, { 'content-type': 'text/plain' });
      return res.end('upstream trouble');
    }
    if (injected?.kind === 'error') return json(res, { ok: false, error: injected.error });
    const answer = api[method];
    if (!answer) return json(res, { ok: false, error: 'unknown_method' });
    return json(res, answer(params));
  }

  const api: Record<string, (p: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://kestrel-test.slack.com/',
      team: 'Kestrel Test',
      user: 'kestrel',
      team_id: team,
      user_id: botUserId,
      bot_id: 'B0KESTREL',
      is_enterprise_install: false,
    }),
    'chat.postMessage': (p) => {
      const channel = String(p.channel ?? '');
      const state = channels.get(channel);
      if (!state) return { ok: false, error: 'channel_not_found' };
      if (state.archived) return { ok: false, error: 'is_archived' };
      if (!state.member) return { ok: false, error: 'not_in_channel' };
      const blocks = parseJson(p.blocks) ?? [];
      const invalid = validateBlocks(blocks);
      if (invalid.length > 0) {
        return {
          ok: false,
          error: 'invalid_blocks',
          errors: invalid,
          response_metadata: { messages: invalid.map((m) => `[ERROR] ${m}`) },
        };
      }
      if (blockChars(blocks as unknown[]) > 12_000) return { ok: false, error: 'msg_blocks_too_long' };
      const text = String(p.text ?? '');
      if (!text && (blocks as unknown[]).length === 0) return { ok: false, error: 'no_text' };
      const threadTs = p.thread_ts ? String(p.thread_ts) : undefined;
      if (threadTs && !messages.some((m) => m.channel === channel && m.ts === threadTs)) {
        return { ok: false, error: 'thread_not_found' };
      }
      const ts = nextTs();
      messages.push({ channel, ts, text, blocks: blocks as unknown[], ...(threadTs ? { threadTs } : {}) });
      return {
        ok: true,
        channel,
        ts,
        message: {
          type: 'message',
          subtype: 'bot_message',
          bot_id: 'B0KESTREL',
          text,
          ts,
          blocks,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
      };
    },
    'chat.update': (p) => {
      const channel = String(p.channel ?? '');
      const message = messages.find((m) => m.channel === channel && m.ts === String(p.ts ?? '') && !m.user);
      if (!channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      if (!message) return { ok: false, error: 'message_not_found' };
      const blocks = parseJson(p.blocks) ?? [];
      const invalid = validateBlocks(blocks);
      if (invalid.length > 0) return { ok: false, error: 'invalid_blocks', errors: invalid };
      if (blockChars(blocks as unknown[]) > 12_000) return { ok: false, error: 'msg_blocks_too_long' };
      message.blocks = blocks as unknown[];
      if (p.text !== undefined) message.text = String(p.text);
      updates.push({ channel, ts: message.ts });
      return {
        ok: true,
        channel,
        ts: message.ts,
        text: message.text,
        message: { text: message.text, blocks },
      };
    },
    'conversations.open': (p) => {
      const user = String(p.users ?? '');
      if (!users.has(user)) return { error: 'user_not_found', ok: false };
      const id = `D${user.slice(1)}`;
      if (!channels.has(id)) channels.set(id, { archived: false, member: true });
      return { channel: { id }, ok: true };
    },
    'users.info': (p) => {
      const user = users.get(String(p.user ?? ''));
      if (!user) return { ok: false, error: 'user_not_found' };
      const withLocale = p.include_locale === 'true' || p.include_locale === true;
      return {
        ok: true,
        user: {
          id: user.id,
          team_id: team,
          name: user.name,
          deleted: false,
          real_name: user.realName ?? user.name,
          tz: 'Europe/Moscow',
          is_admin: user.isAdmin ?? false,
          is_owner: user.isOwner ?? false,
          is_primary_owner: false,
          is_bot: false,
          profile: { real_name: user.realName ?? user.name, display_name: user.displayName ?? '' },
          ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
        },
      };
    },
    'files.getUploadURLExternal': (p) => {
      const filename = String(p.filename ?? '');
      const length = Number(p.length);
      if (!filename || !Number.isFinite(length) || length <= 0)
        return { ok: false, error: 'invalid_arguments' };
      const fileId = `F${String(++seq).padStart(8, '0')}`;
      uploads.set(fileId, { filename, length, ...(p.alt_text ? { altText: String(p.alt_text) } : {}) });
      return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
    },
    'files.completeUploadExternal': (p) => {
      const list = (parseJson(p.files) ?? []) as { id: string; title?: string }[];
      const channel = p.channel_id ? String(p.channel_id) : undefined;
      if (channel && !channels.has(channel)) return { ok: false, error: 'channel_not_found' };
      const done: Record<string, unknown>[] = [];
      for (const entry of list) {
        const upload = uploads.get(entry.id);
        if (!upload?.bytes) return { ok: false, error: 'file_not_found' };
        const threadTs = p.thread_ts ? String(p.thread_ts) : undefined;
        files.push({
          id: entry.id,
          filename: upload.filename,
          title: entry.title ?? upload.filename,
          bytes: upload.bytes,
          ...(upload.altText ? { altText: upload.altText } : {}),
          ...(channel ? { channel } : {}),
          ...(threadTs ? { threadTs } : {}),
        });
        done.push({
          id: entry.id,
          title: entry.title ?? upload.filename,
          name: upload.filename,
          size: upload.bytes.length,
          alt_txt: upload.altText ?? '',
        });
      }
      return { ok: true, files: done };
    },
  };

  function uploadPost(fileId: string, raw: Buffer, res: ServerResponse) {
    const upload = uploads.get(fileId);
    if (!upload) {
      res.writeHead(404);
      return res.end();
    }
    upload.bytes = raw;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${raw.length}`);
  }

  function responseUrlPost(id: string, raw: Buffer, res: ServerResponse) {
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const invalid = body.blocks === undefined ? [] : validateBlocks(body.blocks);
    if (invalid.length > 0) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('invalid_blocks');
    }
    responses.push({ id, body });
    json(res, { ok: true });
  }

  return {
    apiUrl: `${origin}/api/`,
    team,
    botUserId,
    token,
    messages,
    files,
    responses,
    calls,
    responseUrl: (id) => `${origin}/commands/${id}`,
    updates,
    blockActions(message, user, action) {
      const responseId = `a${++seq}`;
      const payload = blockActionsPayload({
        message,
        user: { id: user, name: users.get(user)?.name ?? 'someone' },
        team,
        action,
        actionTs: `${clock}.000100`,
        responseUrl: `${origin}/commands/${responseId}`,
      });
      return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), responseId };
    },
    addChannel: (id, state = {}) => {
      channels.set(id, { archived: state.archived ?? false, member: state.member ?? true });
    },
    addUser: (user) => {
      users.set(user.id, user);
    },
    recordUserMessage: (channel, ts, text) => {
      messages.push({ channel, ts, text, blocks: [], user: true });
    },
    failNext: (method, failure) => {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    visibleTexts: (channel) =>
      messages.filter((m) => m.channel === channel && !m.user).map((m) => visibleText(m.blocks)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
