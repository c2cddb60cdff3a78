import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

/** The file is not well-formed CSV, so none of it can be trusted. */
export class CsvError extends Error {}

/** One data row of a CSV file: its 1-based line number and its cells by column name. */
export type CsvRecord = { line: number; values: Record<string, string> };

/** The encodings public data files come in: UTF-8, or Windows-1252 from Excel and older systems (GIAS). */
export type TextEncoding = 'utf-8' | 'windows-1252';

export type CsvReadOptions = {
  encoding?: TextEncoding;
  /** Told how many bytes of the file (compressed bytes, for a .gz) have been read, for a progress report. */
  onRead?: (bytesRead: number) => void;
};

/**
 * Reads a CSV file (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks) row by
 * row, so a national file never has to fit in memory. The first row names the columns. A gzipped
 * file is read through gunzip (known by its first bytes, whatever its name); a UTF-8 BOM is dropped.
 */
export async function* readCsv(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  let header: string[] | undefined;
  let pending = '';
  let startLine = 0;
  let lineNumber = 0;
  for await (const line of readLines(file, options)) {
    lineNumber++;
    if (pending === '') startLine = lineNumber;
    pending = pending === '' ? line : `${pending}\n${line}`;
    const cells = parseCsvRow(pending);
    if (cells === undefined) continue; // a quoted cell runs on to the next line
    pending = '';
    if (!header) {
      header = cells.map((cell) => cell.trim());
      continue;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    const values: Record<string, string> = {};
    header.forEach((name, index) => (values[name] = cells[index] ?? ''));
    yield { line: startLine, values };
  }
  if (pending !== '') throw new CsvError(`Line ${startLine}: a quoted cell is never closed`);
}

/** The columns named on a CSV file's first row (none for an empty file). */
export async function readCsvHeader(file: string, options: CsvReadOptions = {}): Promise<string[]> {
  for await (const line of readLines(file, options)) return (parseCsvRow(line) ?? []).map((cell) => cell.trim());
  return [];
}

/**
 * Whether a file is valid UTF-8 (plain ASCII is) or must be Windows-1252. GIAS downloads are often
 * Windows-1252, where "St Mary’s" has the byte 0x92, which is never valid UTF-8; the opposite mistake
 * is unlikely, as Windows-1252 text almost never happens to form valid multi-byte UTF-8 sequences.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of openBytes(file)) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'windows-1252';
    throw error;
  }
}

/** The file's lines as text, without their line endings (LF or CRLF). */
async function* readLines(file: string, options: CsvReadOptions): AsyncGenerator<string> {
  const source = fs.createReadStream(file);
  const decode = textDecoder(options.encoding ?? 'utf-8');
  let rest = '';
  let first = true;
  for await (const chunk of openBytes(file, source)) {
    options.onRead?.(source.bytesRead);
    let text = rest + decode(chunk);
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decode(Buffer.alloc(0), true);
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** The file's bytes, gunzipped when it starts with gzip's magic number. */
function openBytes(file: string, source: fs.ReadStream = fs.createReadStream(file)): AsyncIterable<Buffer> {
  if (!isGzip(file)) return source as AsyncIterable<Buffer>;
  const gunzip = zlib.createGunzip();
  // pipeline() passes a read error on to gunzip, so the loop reading it throws rather than hangs.
  pipeline(source, gunzip, () => {});
  return gunzip as AsyncIterable<Buffer>;
}

function isGzip(file: string): boolean {
  const descriptor = fs.openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return fs.readSync(descriptor, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Windows-1252 is Latin-1 except for 0x80-0x9F, where it has curly quotes, dashes, € and more. Node 20's
 * TextDecoder('windows-1252') decodes those bytes as Latin-1 control characters (fixed only in Node 23,
 * nodejs/node#56542), so they are mapped here. The five bytes Windows-1252 leaves undefined keep their
 * Latin-1 code points, as the WHATWG Encoding Standard says.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function textDecoder(encoding: TextEncoding): (bytes: Buffer, end?: boolean) => string {
  if (encoding === 'windows-1252') {
    return (bytes) =>
      bytes
        .toString('latin1')
        .replace(/[\u0080-\u009F]/g, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]!);
  }
  const decoder = new TextDecoder('utf-8');
  return (bytes, end = false) => decoder.decode(bytes, { stream: !end });
}

/** The cells of one CSV row, or undefined when a quoted cell is still open at the end of the text. */
export function parseCsvRow(text: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '"' && cell === '') {
      quoted = true;
    } else if (character === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += character;
    }
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}

/**
 * One CSV cell for a download. Cells that a spreadsheet would run as a formula (starting = + - @,
 * or a tab or carriage return) are prefixed with an apostrophe: CSV formula injection.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
