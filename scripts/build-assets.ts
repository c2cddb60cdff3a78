/**
 * Builds what the browser loads into public/assets: the Sass (about 4 s, so once per build rather
 * than per request), GOV.UK Frontend's script, the accessible-autocomplete library and our own
 * enhancements. Run by `npm run build`, which `npm start` and `npm test` run first.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'public/assets');
const fromRoot = (file: string) => path.join(root, file);

fs.rmSync(output, { recursive: true, force: true });
fs.mkdirSync(path.join(output, 'js'), { recursive: true });

const started = Date.now();
const css = sass.compile(fromRoot('src/assets/scss/main.scss'), {
  loadPaths: [fromRoot('node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
fs.writeFileSync(path.join(output, 'app.css'), css.css);

const copies: Array<[string, string]> = [
  ['node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', 'js/govuk-frontend.min.js'],
  ['node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js', 'js/accessible-autocomplete.min.js'],
  ['src/assets/images/favicon.svg', 'favicon.svg'],
];
for (const file of fs.readdirSync(fromRoot('src/assets/js'))) copies.push([`src/assets/js/${file}`, `js/${file}`]);
for (const [from, to] of copies) fs.copyFileSync(fromRoot(from), path.join(output, to));

console.log(`Built public/assets in ${Date.now() - started} ms`);
