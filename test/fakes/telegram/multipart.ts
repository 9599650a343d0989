/** One field of a multipart/form-data body: a value, or a file with its bytes. */
export interface FormPart {
  name: string;
  filename: string | null;
  data: Buffer;
}

/**
 * Parses multipart/form-data as grammY sends it (lower-case `content-disposition:form-data;name="x"`,
 * unquoted `filename=`), or as any standard client does.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) throw new Error('multipart body without boundary');
  const delimiter = Buffer.from(`--${mark}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    let chunk = body.subarray(start, next);
    if (chunk.subarray(-2).toString() === '\r\n') chunk = chunk.subarray(0, -2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /(?:^|;)\s*name="?([^";]+)"?/i.exec(disposition)?.[1];
      const filename = /filename="?([^";\r\n]+)"?/i.exec(disposition)?.[1] ?? null;
      if (name) parts.push({ name, filename, data: chunk.subarray(headerEnd + 4) });
    }
    at = next;
  }
  return parts;
}
