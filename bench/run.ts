// `npm run bench`: performance figures that are recorded in BENCHMARKS.md (never asserted in tests).
import { parseArgs } from 'node:util';
import { benchPipeline, formatPipeline } from './pipeline.ts';

const SECTIONS = ['pipeline'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: { only: { type: 'string' }, count: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  process.stdout.write(`npm run bench [-- --only ${SECTIONS.join('|')}] [--count N]\n`);
  process.exit(0);
}
const only = values.only as Section | undefined;
if (only && !SECTIONS.includes(only)) {
  process.stderr.write(`bench: --only must be one of ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const wants = (s: Section): boolean => !only || only === s;

if (wants('pipeline')) {
  const count = values.count ? Number(values.count) : 10_000;
  process.stdout.write(`${formatPipeline(await benchPipeline(count))}\n`);
}
