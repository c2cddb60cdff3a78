import fs from 'node:fs';

/**
 * What every import of a data file shares: how it reports a row it refused, how it reports
 * progress, and the one failure that stops it before it starts.
 */

/** A row of the file that was not imported, or was imported with a caveat, and why. */
export type ImportProblem = { line: number; message: string };

/** How far an import has got: rows read so far, and the share of the file's bytes read (0 to 1). */
export type ImportProgress = { rowsRead: number; fraction: number };

/** Imports report progress after every this many rows: often enough to show life, rarely enough to stay cheap. */
export const PROGRESS_EVERY_ROWS = 2000;

/** The file cannot be imported at all: missing, unreadable, empty, or not a format this service knows. */
export class ImportFileError extends Error {}

/** The file's size in bytes, or an ImportFileError saying why it cannot be read. */
export function readableFileSize(file: string): number {
  let stat: fs.Stats;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT' ? `There is no file ${file}` : `The file ${file} cannot be read (${code ?? String(error)})`,
    );
  }
  if (!stat.isFile()) throw new ImportFileError(`${file} is not a file`);
  if (stat.size === 0) throw new ImportFileError(`The file ${file} is empty`);
  return stat.size;
}

/** "Read 2,000 rows (9%)": a progress line for a terminal. */
export function describeProgress(progress: ImportProgress): string {
  return `Read ${progress.rowsRead.toLocaleString('en-GB')} rows (${Math.floor(progress.fraction * 100)}%)`;
}

/** Problems as lines for a terminal, at most `limit` of them, then how many more there were. */
export function describeProblems(problems: ImportProblem[], limit = 100): string[] {
  const lines = problems.slice(0, limit).map((problem) => `  line ${problem.line}: ${problem.message}`);
  if (problems.length > limit) lines.push(`  ... and ${(problems.length - limit).toLocaleString('en-GB')} more`);
  return lines;
}
