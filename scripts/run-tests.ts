/**
 * Runs test files with Node's test runner. Node 20 does not expand globs itself, so this finds the
 * files: `run-tests.ts unit` (every *.test.ts under src/ and test/) or `run-tests.ts browser`
 * (test/browser/*.spec.ts). Extra arguments pass through, e.g. a single file's path to narrow the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [suite, ...rest] = process.argv.slice(2);

function findFiles(directory: string, suffix: string): string[] {
  return fs
    .readdirSync(path.join(root, directory), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix) && !file.includes('node_modules'))
    .map((file) => path.join(directory, file))
    .sort();
}

const suites: Record<string, { files: string[]; concurrency: number }> = {
  unit: { files: [...findFiles('src', '.test.ts'), ...findFiles('test', '.test.ts')], concurrency: 2 },
  browser: { files: findFiles('test/browser', '.spec.ts'), concurrency: 1 },
};

const chosen = suite ? suites[suite] : undefined;
if (!chosen) {
  console.error(`Usage: run-tests.ts ${Object.keys(suites).join('|')} [files...]`);
  process.exit(2);
}
const files = rest.length > 0 ? rest : chosen.files;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${chosen.concurrency}`, ...files],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
