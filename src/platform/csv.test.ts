import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { CsvError, csvCell, csvLine, detectEncoding, readCsv, readCsvBatches, readCsvHeader } from './csv.ts';

const write = (name: string, content: string | Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), name);
  fs.writeFileSync(file, content);
  return file;
};

async function readAll(file: string, options: Parameters<typeof readCsv>[1] = {}) {
  const rows = [];
  for await (const row of readCsv(file, options)) rows.push(row);
  return rows;
}

test('parses quoted cells with commas, doubled quotes and empty cells, and quotes inside unquoted cells', async () => {
  const file = write('cells.csv', 'a,b,c,d,e\n1,"Christ Church, Hampstead","say ""hello""",,St Mary "the" Virgin\n');
  assert.deepEqual((await readAll(file))[0]!.values, {
    a: '1',
    b: 'Christ Church, Hampstead',
    c: 'say "hello"',
    d: '',
    e: 'St Mary "the" Virgin',
  });
});

test('refuses a quote never closed, naming the line it opens on, and a row with the wrong number of fields', async () => {
  await assert.rejects(readAll(write('open.csv', 'urn,name\n1,x\n\n"2,open\nmore\n')), {
    message: 'Line 4: a quoted cell is never closed, so the file may have been cut off',
  });
  await assert.rejects(readAll(write('fields.csv', 'urn,name\n1,x\n2,y,z\n')), {
    message: 'Line 3 has 3 fields; the header has 2',
  });
  await assert.rejects(readAll(write('short.csv', 'urn,name\n1\n')), {
    message: 'Line 2 has 1 fields; the header has 2',
  });
});

test('an open quote over 60,000 line breaks and a 20 MB line are refused at once, not parsed for minutes', async () => {
  const started = performance.now();
  await assert.rejects(readAll(write('lines.csv', `urn,name\n"${'\n'.repeat(60_000)}`)), CsvError);
  await assert.rejects(readAll(write('long.csv.gz', zlib.gzipSync(`urn,name\n${'x'.repeat(20_000_000)}\n`))), {
    message:
      'Line 2: a row is longer than 32,768 characters, which no row of this file should be; a quote may be missing',
  });
  assert.ok(performance.now() - started < 3000, `took ${Math.round(performance.now() - started)} ms`);
});

test('a gzipped file that expands past the limit is refused, and so is a damaged one', async () => {
  const file = write('bomb.gz', zlib.gzipSync(`urn,name\n${`1,${'x'.repeat(1000)}\n`.repeat(1100)}`));
  await assert.rejects(readAll(file, { maxExpandedBytes: 1024 * 1024 }), {
    message: 'The file expands to more than 1 MB when unzipped, more than this service reads',
  });
  await assert.rejects(detectEncoding(file, { maxExpandedBytes: 1024 * 1024 }), CsvError);
  assert.equal((await readAll(file, { maxExpandedBytes: 2 * 1024 * 1024 })).length, 1100);
  const whole = zlib.gzipSync('urn,name\n1,x\n'.repeat(1000));
  const damaged = write('damaged.gz', whole.subarray(0, whole.length - 10));
  await assert.rejects(readAll(damaged), CsvError);
});

test('rows come in batches of at most 500', async () => {
  const file = write('many.csv', `urn\n${Array.from({ length: 1200 }, (_, index) => index).join('\n')}\n`);
  const sizes: number[] = [];
  for await (const batch of readCsvBatches(file)) sizes.push(batch.length);
  // How the file's chunks fall may split a batch early; no batch is ever larger than 500.
  assert.ok(sizes.length >= 3, String(sizes));
  assert.ok(
    sizes.every((size) => size > 0 && size <= 500),
    String(sizes),
  );
  assert.equal(
    sizes.reduce((sum, size) => sum + size),
    1200,
  );
});

test('reads rows by column name with their line numbers, across quoted line breaks', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), 'rows.csv');
  fs.writeFileSync(file, '\uFEFFurn,name\r\n1,"Two\nlines"\r\n\r\n2,Plain\r\n');
  const rows = [];
  for await (const row of readCsv(file)) rows.push(row);
  assert.deepEqual(rows, [
    { line: 2, values: { urn: '1', name: 'Two\nlines' } },
    { line: 5, values: { urn: '2', name: 'Plain' } },
  ]);
});

test('escapes cells a spreadsheet would run as formulas', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell('+44 151'), "'+44 151");
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('Plain, with comma'), '"Plain, with comma"');
  assert.equal(csvLine(['a', -2, null]), 'a,-2,\r\n');
});

test('reads Windows-1252 files, which GIAS often publishes, when told to', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), 'windows.csv');
  // "St Mary’s" (0x92 is the right single quote), "Café" (0xE9) and "€5" (0x80), with CRLF endings.
  fs.writeFileSync(file, Buffer.from('urn,name\r\n1,St Mary\x92s Caf\xe9 \x805\r\n', 'latin1'));
  assert.equal(await detectEncoding(file), 'windows-1252');
  const rows = [];
  for await (const row of readCsv(file, { encoding: 'windows-1252' })) rows.push(row.values.name);
  assert.deepEqual(rows, ['St Mary’s Café €5']);
});

test('detects UTF-8, with or without a byte-order mark, and reads it', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-'));
  const withBom = path.join(directory, 'bom.csv');
  fs.writeFileSync(withBom, '\uFEFFurn,name\n1,St Thomas à Becket\n');
  assert.equal(await detectEncoding(withBom), 'utf-8');
  assert.deepEqual(await readCsvHeader(withBom), ['urn', 'name']);
  const ascii = path.join(directory, 'ascii.csv');
  fs.writeFileSync(ascii, 'urn,name\n1,Plain\n');
  assert.equal(await detectEncoding(ascii), 'utf-8');
});

test('reads gzipped files whatever their name, and reports the bytes read for progress', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csv-')), 'postcodes.data');
  const text = `postcode,lat\n${Array.from({ length: 5000 }, (_, index) => `L17 ${index},53.3`).join('\n')}\n`;
  fs.writeFileSync(file, zlib.gzipSync(text));
  const reported: number[] = [];
  let count = 0;
  for await (const row of readCsv(file, { onRead: (bytes) => reported.push(bytes) })) {
    if (count === 0) assert.deepEqual(row, { line: 2, values: { postcode: 'L17 0', lat: '53.3' } });
    count++;
  }
  assert.equal(count, 5000);
  assert.equal(reported.at(-1), fs.statSync(file).size, 'progress counts the compressed bytes of the file itself');
});
