import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { fixtureJson, fixturesPresent, MISSING_FIXTURES } from '../fakes/slack/fixtures.js';
import { slackSignature } from './signing.js';

interface SigningExample {
  signing_secret: string;
  x_slack_request_timestamp: string;
  body: string;
  basestring: string;
  x_slack_signature: string;
}

describe.skipIf(!fixturesPresent)('slack request signing (documented example)', () => {
  if (!fixturesPresent) console.warn(MISSING_FIXTURES);

  it('our test signer reproduces the documented signature, and Bolt accepts it', () => {
    const example = fixtureJson<SigningExample>('request_signing_example.json');
    const signature = slackSignature(example.signing_secret, example.x_slack_request_timestamp, example.body);
    expect(signature).toBe(example.x_slack_signature);
    const check = (sig: string) =>
      isValidSlackRequest({
        signingSecret: example.signing_secret,
        body: example.body,
        headers: {
          'x-slack-signature': sig,
          'x-slack-request-timestamp': Number(example.x_slack_request_timestamp),
        },
        nowMilliseconds: Number(example.x_slack_request_timestamp) * 1000 + 1_000,
      });
    expect(check(signature)).toBe(true);
    expect(check(signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBe(false);
  });
});
