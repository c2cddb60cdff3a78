import fs from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import zlib from 'node:zlib';
import { CsvError as ParseError, parse, type Options } from 'csv-parse';

/** The file is not well-formed CSV (or too large to read), so none of it can be trusted. */
export class CsvError extends Error {}

/** One data row of a CSV file: its 1-based line number (where the row starts) and its cells by column name. */
export type CsvRecord = { line: number; values: Record<string, string> };

/** The encodings public data files come in: UTF-8, or Windows-1252 from Excel and older systems (GIAS). */
export type TextEncoding = 'utf-8' | 'windows-1252';

export type CsvReadOptions = {
  encoding?: TextEncoding;
  /** Told how many bytes of the file (compressed bytes, for a .gz) have been read, for a progress report. */
  onRead?: (bytesRead: number) => void;
  /** A gzipped file that expands to more than this is refused (a small upload can expand a thousandfold). */
  maxExpandedBytes?: number;
};

/**
 * No row of any file this service reads comes near this (a GIAS row of 139 columns is under 3,000
 * characters; a roster row with a full profile under 3,000): a longer one is a quote never closed, or
 * not CSV at all, and is refused before it can fill memory.
 */
export const MAX_ROW_CHARACTERS = 32 * 1024;

/** What a gzipped file may expand to unless the caller says less: well above GIAS (60 MB) and the postcodes. */
export const DEFAULT_MAX_EXPANDED_BYTES = 1024 * 1024 * 1024;

/** Rows handed over at a time; between batches the reader lets the event loop run, so requests keep being answered. */
export const CSV_BATCH_ROWS = 500;

/**
 * Reads a CSV file (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks) with
 * csv-parse, in batches of rows, so a national file never has to fit in memory and a long import never
 * holds the event loop. The first row names the columns; every row must have as many cells as it. A
 * gzipped file is read through gunzip (known by its first bytes, whatever its name); a UTF-8 BOM is
 * dropped; blank lines are skipped. Anything malformed throws a CsvError naming the line.
 */
export async function* readCsvBatches(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  let header: string[] | undefined;
  const rows = openRows(file, options);
  try {
    for await (const parsed of rows.batches()) {
      const batch: CsvRecord[] = [];
      for (const { line, cells } of parsed) {
        if (!header) {
          header = cells.map((cell) => cell.trim());
          continue;
        }
        if (cells.length !== header.length)
          throw new CsvError(`Line ${line} has ${cells.length} fields; the header has ${header.length}`);
        const values: Record<string, string> = {};
        for (let index = 0; index < header.length; index++) values[header[index]!] = cells[index]!;
        batch.push({ line, values });
      }
      options.onRead?.(rows.bytesRead());
      if (batch.length > 0) yield batch;
      await setImmediate();
    }
  } catch (error) {
    throw rows.explain(error);
  } finally {
    rows.close();
  }
}

/** The file's data rows one by one (see readCsvBatches). */
export async function* readCsv(file: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(file, options)) yield* batch;
}

/** The columns named on a CSV file's first row (none for an empty file). */
export async function readCsvHeader(file: string, options: CsvReadOptions = {}): Promise<string[]> {
  const rows = openRows(file, options);
  try {
    for await (const [first] of rows.batches()) return first ? first.cells.map((cell) => cell.trim()) : [];
    return [];
  } catch (error) {
    throw rows.explain(error);
  } finally {
    rows.close();
  }
}

/**
 * Whether a file is valid UTF-8 (plain ASCII is) or must be Windows-1252. GIAS downloads are often
 * Windows-1252, where "St Mary’s" has the byte 0x92, which is never valid UTF-8; the opposite mistake
 * is unlikely, as Windows-1252 text almost never happens to form valid multi-byte UTF-8 sequences.
 */
export async function detectEncoding(file: string, options: CsvReadOptions = {}): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const { source, stages } = openBytes(file, options);
  const bytes = (stages.length === 1 ? source : pipeline(stages, () => {})) as Readable;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'windows-1252';
    throw explainStreamError(error);
  } finally {
    bytes.destroy();
    source.destroy();
  }
}

type ParsedRow = { line: number; cells: string[] };
type Stage = NodeJS.ReadableStream | NodeJS.ReadWriteStream;

/** The file's rows as arrays of cells, each with the line it starts on, and how to explain a failure. */
function openRows(file: string, options: CsvReadOptions) {
  const bytes = openBytes(file, options);
  // A row starts on the line after the previous row's last, past the blank lines skipped between them.
  // Lines are counted here, not taken from csv-parse, which counts a CRLF inside a quoted cell twice.
  let nextLine = 1;
  let blankLines = 0;
  const settings: Options<ParsedRow, string[]> = {
    record_delimiter: ['\r\n', '\n'],
    bom: true,
    skip_empty_lines: true,
    // An unquoted cell may hold a quote (St Mary "the" Virgin), as the hand-written parser allowed.
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: MAX_ROW_CHARACTERS,
    on_record: (record, context): ParsedRow => {
      const cells = record as string[];
      const line = nextLine + (context.empty_lines - blankLines);
      blankLines = context.empty_lines;
      nextLine = line + 1;
      for (const cell of cells) if (cell.includes('\n')) nextLine += cell.split('\n').length - 1;
      return { line, cells };
    },
  };
  // The typings only allow on_record to return the record unchanged when no columns are named.
  const parser = parse(settings as unknown as Options);
  const stages: Stage[] = [...bytes.stages];
  if (options.encoding === 'windows-1252') stages.push(decodeWindows1252());
  // pipeline() passes an error at any stage on to the parser, so the reader below throws rather than hangs.
  pipeline([...stages, parser], () => {});
  return {
    /** The rows parsed so far, at most a batch at a time, read straight off the parser (for await would cost a promise a row). */
    async *batches(): AsyncGenerator<ParsedRow[]> {
      let ended = false;
      let failure: unknown;
      let wake: (() => void) | undefined;
      const rouse = () => wake?.();
      parser.on('readable', rouse);
      parser.on('end', () => ((ended = true), rouse()));
      parser.on('error', (error) => ((failure = error), rouse()));
      for (;;) {
        const batch: ParsedRow[] = [];
        let row: ParsedRow | null;
        while (batch.length < CSV_BATCH_ROWS && (row = parser.read() as ParsedRow | null) !== null) batch.push(row);
        if (failure !== undefined) throw failure;
        if (batch.length > 0) yield batch;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    bytesRead: () => bytes.source.bytesRead,
    close: () => {
      parser.destroy();
      bytes.source.destroy();
    },
    explain: (error: unknown): unknown => {
      if (!(error instanceof ParseError)) return explainStreamError(error);
      const context = error as ParseError & { lines: number; empty_lines: number };
      const line = nextLine + (context.empty_lines - blankLines);
      switch (error.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
          return new CsvError(`Line ${line}: a quoted cell is never closed, so the file may have been cut off`);
        case 'CSV_MAX_RECORD_SIZE':
          return new CsvError(
            `Line ${line}: a row is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en-GB')} characters, which no row of this file should be; a quote may be missing`,
          );
        default:
          return new CsvError(`Line ${context.lines}: this is not well-formed CSV (${error.message})`);
      }
    },
  };
}

/** A read or gunzip failure as a CsvError where the file is at fault; a missing file stays what it is. */
function explainStreamError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new CsvError('The file starts as a gzip file but cannot be unzipped: it may be damaged or cut off');
  return error;
}

/**
 * The stages that give the file's bytes: the file, then gunzip and a counter that refuses a file
 * expanding too far, when it starts with gzip's magic number.
 */
function openBytes(file: string, options: CsvReadOptions): { source: fs.ReadStream; stages: Stage[] } {
  const source = fs.createReadStream(file);
  if (!isGzip(file)) return { source, stages: [source] };
  const limit = options.maxExpandedBytes ?? DEFAULT_MAX_EXPANDED_BYTES;
  let expanded = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      expanded += chunk.length;
      if (expanded <= limit) return done(null, chunk);
      done(
        new CsvError(
          `The file expands to more than ${describeSize(limit)} when unzipped, more than this service reads`,
        ),
      );
    },
  });
  return { source, stages: [source, zlib.createGunzip(), counter] };
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB` : `${bytes} bytes`;
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

/** Windows-1252 bytes in, the same text as UTF-8 out (what csv-parse reads). */
function decodeWindows1252(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = chunk
        .toString('latin1')
        .replace(/[\u0080-\u009F]/g, (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80]!);
      done(null, Buffer.from(text, 'utf-8'));
    },
  });
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
