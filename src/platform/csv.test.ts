import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { csvCell, csvLine, detectEncoding, parseCsvRow, readCsv, readCsvHeader } from './csv.ts';

test('parses quoted cells with commas, doubled quotes and empty cells', () => {
  assert.deepEqual(parseCsvRow('1,"Christ Church, Hampstead","say ""hello""",,x'), [
    '1',
    'Christ Church, Hampstead',
    'say "hello"',
    '',
    'x',
  ]);
  assert.equal(parseCsvRow('1,"open'), undefined);
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
