/**
 * CSV as spreadsheet programs read it: RFC 4180 (fields with a quote, comma, CR or LF in double quotes, quotes
 * doubled, CRLF between records), UTF-8 with a byte order mark so Cyrillic opens right in Excel, and text
 * cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) prefixed with `'`.
 */

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers and null as they are, text neutralised and quoted when needed. */
export type CsvCell = string | number | null;

/** A text cell that cannot start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: CsvCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes records one at a time into UTF-8 chunks; `bytes()` joins them once at the end. */
export function createCsvWriter(header: readonly string[]) {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [encoder.encode(`${BOM}${header.map(field).join(',')}\r\n`)];
  let size = chunks[0]?.length ?? 0;
  let rows = 0;
  return {
    add(cells: readonly CsvCell[]): void {
      const chunk = encoder.encode(`${cells.map(field).join(',')}\r\n`);
      chunks.push(chunk);
      size += chunk.length;
      rows++;
    },
    get rows(): number {
      return rows;
    },
    get size(): number {
      return size;
    },
    bytes(): Uint8Array {
      const out = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
      return out;
    },
  };
}
