import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { csvCell, csvLine, parseCsvRow, readCsv } from './csv.ts';

test('parses quoted cells with commas, doubled quotes and empty cells', () => {
  assert.deepEqual(parseCsvRow('1,"Christ Church, Hampstead","say ""hello""",,x'), ['1', 'Christ Church, Hampstead', 'say "hello"', '', 'x']);
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
