// `npm run bench:table`: writes the figures of bench/results.json into the README's table.
import { readFileSync, writeFileSync } from 'node:fs';
import { replaceTable, resultsTable, type Results } from './support/results-table.ts';

const root = new URL('../', import.meta.url);
const results = JSON.parse(readFileSync(new URL('bench/results.json', root), 'utf8')) as Results;
if (results.quick) throw new Error('bench/results.json holds a --quick run; run the full `npm run bench` first');
const readmeUrl = new URL('README.md', root);
writeFileSync(readmeUrl, replaceTable(readFileSync(readmeUrl, 'utf8'), resultsTable(results)));
process.stderr.write(`README.md: ${results.figures.length} figures from the run of ${results.startedAt}\n`);
