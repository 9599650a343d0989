import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  secret: string;
  contentType: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature (wrong-signature tests); null leaves the headers out entirely. */
  signature?: string | null;
}

/** Posts a body to Bolt's Request URL as Slack would, signed. Returns the status and body of the answer. */
export async function postSigned(url: string, body: string, options: SignedPostOptions) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': options.contentType };
  if (options.signature !== null) {
    headers['x-slack-request-timestamp'] = timestamp;
    headers['x-slack-signature'] = options.signature ?? slackSignature(options.secret, timestamp, body);
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}
