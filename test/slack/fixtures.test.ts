import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/chat/adapter.js';
import { fixtureJson, fixturesPresent, fixtureText, MISSING_FIXTURES } from '../fakes/slack/fixtures.js';
import { SECRET, type SlackHarness, startHarness } from './harness.js';
import { postSigned } from './signing.js';

type Json = Record<string, unknown>;
const keys = (o: unknown) => Object.keys(o as Json).sort();

/** Our fake's answers and our payload builders, checked against the recorded Slack payloads. */
describe.skipIf(!fixturesPresent)('slack fakes against recorded payloads', () => {
  if (!fixturesPresent) console.warn(MISSING_FIXTURES);
  let h: SlackHarness;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.adapter.start(async (message) => {
      seen.push(message);
      return null;
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const call = async (method: string, params: Json) => {
    const response = await fetch(`${h.slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.slack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return (await response.json()) as Json;
  };

  it('answers with the recorded fields of auth.test, chat.postMessage, conversations.open and the upload flow', async () => {
    const authTest = await call('auth.test', {});
    const recordedAuth = fixtureJson('java-slack-sdk-samples/auth.test.json');
    for (const key of keys(fixtureJson('openapi-examples/auth.test.ok.json')))
      expect(authTest).toHaveProperty(key);
    for (const key of keys(authTest)) expect(recordedAuth).toHaveProperty(key);

    h.slack.addChannel('C1H9RESGL');
    const posted = await call('chat.postMessage', { channel: 'C1H9RESGL', text: 'hi' });
    expect(keys(posted)).toEqual(keys(fixtureJson('openapi-examples/chat.postMessage.ok.json')));
    expect(await call('chat.postMessage', { channel: 'C0NONE', text: 'x' })).toEqual(
      fixtureJson('chat.postMessage.error_channel_not_found.json'),
    );

    h.slack.addUser({ id: 'U069C7QFK', name: 'x' });
    const opened = await call('conversations.open', { users: 'U069C7QFK' });
    expect(keys(opened)).toEqual(keys(fixtureJson('openapi-examples/conversations.open.ok.json')));

    const url = await call('files.getUploadURLExternal', { filename: 'a.png', length: 3 });
    const recordedUrl = fixtureJson('java-slack-sdk-samples/files.getUploadURLExternal.json');
    for (const key of keys(url)) expect(recordedUrl).toHaveProperty(key);
    await fetch(String(url.upload_url), { method: 'POST', body: 'abc' });
    const done = await call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: url.file_id, title: 'A' }]),
    });
    const recordedFile = (
      fixtureJson('java-slack-sdk-samples/files.completeUploadExternal.json').files as Json[]
    )[0];
    for (const key of keys((done.files as Json[])[0])) expect(recordedFile).toHaveProperty(key);
    const wrongToken = await fetch(`${h.slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    });
    expect(await wrongToken.json()).toEqual(fixtureJson('openapi-examples/auth.test.error.json'));
  });

  it('builds slash commands with the recorded fields and reads the recorded bodies through Bolt', async () => {
    const recorded = fixtureJson<Record<string, Json>>('vercel-chat-replay/slash-commands_slack.json')
      .slashCommandWithArgs as Json;
    const sdkFields = keys(fixtureJson('java-slack-sdk-samples/SlashCommandPayload.json')).filter(
      (k) => !k.startsWith('enterprise'),
    );
    const built = Object.fromEntries(new URLSearchParams(h.slashBody('/mentions', 'yandex').body));
    expect(keys(built)).toEqual(keys(recorded));
    for (const key of sdkFields) expect(built).toHaveProperty(key);

    // The recorded bolt-python body (team T111, channel C111, /hello-world "Hi"), response_url at the fake.
    const body = fixtureText('slash_command_body.bolt-python.txt').replace(
      /response_url=[^&]+/,
      `response_url=${encodeURIComponent(h.slack.responseUrl('recorded'))}`,
    );
    expect(
      (await postSigned(h.url, body, { secret: SECRET, contentType: 'application/x-www-form-urlencoded' }))
        .status,
    ).toBe(200);
    await expect.poll(() => seen.at(-1)?.text, { timeout: 5_000 }).toBe('/hello-world Hi');
    expect(seen.at(-1)?.context.chat.id).toBe('slack:T111:C111');
    expect(seen.at(-1)?.context.user.id).toBe('slack:T111:W111');
  });

  it('reads the recorded app_mention and message.im envelopes', async () => {
    const replay = fixtureJson<Record<string, Json>>('vercel-chat-replay/dm_slack.json');
    for (const [name, expected] of [
      ['mention', '/Hey'],
      ['dmMessage', '/Hey!'],
    ] as const) {
      const envelope = { ...replay[name], event_time: Math.floor(Date.now() / 1000), event_id: `Ev${name}` };
      const answer = await postSigned(h.url, JSON.stringify(envelope), {
        secret: SECRET,
        contentType: 'application/json',
      });
      expect(answer.status).toBe(200);
      await expect.poll(() => seen.at(-1)?.text, { timeout: 5_000 }).toBe(expected);
    }
    expect(seen.at(-1)?.context.chat).toMatchObject({ id: 'slack:T00FAKE00AA:D0A5319PS02', kind: 'private' });
  });
});
