import fs from 'node:fs';
import readline from 'node:readline';

/** One data row of a CSV file: its 1-based line number and its cells by column name. */
export type CsvRecord = { line: number; values: Record<string, string> };

/**
 * Reads a CSV file (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks) row by
 * row, so a national file never has to fit in memory. The first row names the columns.
 */
export async function* readCsv(file: string): AsyncGenerator<CsvRecord> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] | undefined;
  let pending = '';
  let startLine = 0;
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
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
  if (pending !== '') throw new Error(`Line ${startLine}: a quoted cell is never closed`);
}

/** The columns named on a CSV file's first row. */
export async function readCsvHeader(file: string): Promise<string[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return (parseCsvRow(line.replace(/^\uFEFF/, '')) ?? []).map((cell) => cell.trim());
  }
  return [];
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
