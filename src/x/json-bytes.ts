/**
 * JSON.parse for UTF-8 bytes, about a third faster than decoding them first when most of the text is
 * ASCII (X API pages: ids, keys and numbers are; tweet texts may not be).
 *
 * The bytes are read as Latin-1 (one byte, one character: a plain copy), parsed, and then only the strings
 * holding bytes 0x80–0xFF are decoded as UTF-8. JSON's syntax is ASCII, so a multi-byte character never
 * straddles a token, and the parsed strings hold exactly the bytes of their characters. `\u0080`–`\u00ff`
 * escapes would be indistinguishable from raw bytes: a text that has one is decoded the ordinary way.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = buffer.toString('latin1');
  if (LATIN1_ESCAPE.test(latin1)) return JSON.parse(buffer.toString('utf8'));
  return decodeStrings(JSON.parse(latin1));
}

const LATIN1_ESCAPE = /\\u00[89a-f]/i;
const HIGH_BYTE = /[\x80-\xff]/;
const WIDE = /[\u0100-\uffff]/;
const HIGH_RUN = /[\x80-\xff]+/g;

/** A string of UTF-8 bytes read as Latin-1, decoded. Characters above 0xFF came from `\u` escapes: kept. */
function decodeString(s: string): string {
  if (!HIGH_BYTE.test(s)) return s;
  if (!WIDE.test(s)) return Buffer.from(s, 'latin1').toString('utf8');
  return s.replace(HIGH_RUN, (run) => Buffer.from(run, 'latin1').toString('utf8'));
}

/** Decodes every string (values and keys) of a parsed JSON value, in place where possible. */
function decodeStrings(value: unknown): unknown {
  if (typeof value === 'string') return decodeString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeStrings(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const decoded = decodeString(key);
    const inner = decodeStrings(record[key]);
    if (decoded === key) record[key] = inner;
    else {
      delete record[key];
      record[decoded] = inner;
    }
  }
  return record;
}
