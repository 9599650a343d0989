/**
 * Cuts escaped mrkdwn into pieces of at most `limit` characters (UTF-16 code units, which never undercount
 * Slack's characters). It cuts at the last line break before the limit, else the last space, else anywhere,
 * but never inside an entity (`&amp;`) or a surrogate pair. Every character ends up in exactly one piece.
 */
export function chunkText(text: string, limit: number): string[] {
  if (limit < 8) throw new Error(`chunk limit too small: ${limit}`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces.filter((piece, i) => piece.length > 0 || i === 0);
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  const floor = Math.floor(limit / 2);
  const newline = window.lastIndexOf('\n');
  if (newline >= floor) return newline + 1;
  const space = window.lastIndexOf(' ');
  if (space >= floor) return space + 1;
  let cut = limit;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 6) {
    const semi = text.indexOf(';', amp);
    if (semi !== -1 && semi >= cut && semi - amp <= 5) cut = amp;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}
