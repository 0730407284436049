// `npm run bench`: performance figures that are recorded in BENCHMARKS.md (never asserted in tests).
import { parseArgs } from 'node:util';
import { benchPipeline, formatPipeline } from './pipeline.ts';
import { benchLoad, formatLoad } from './load.ts';
import { benchEmulator, formatEmulator } from './emulator.ts';
import { benchMatrix, formatMatrix } from './matrix.ts';
import { benchHostile, formatHostile } from './hostile.ts';
import { benchRecord, formatRecord } from './record.ts';
import { benchImpact, formatImpact } from './impact.ts';
import { benchImpactTenant, formatImpactTenant } from './impact-tenant.ts';

const SECTIONS = ['pipeline', 'load', 'hostile', 'emulator', 'matrix', 'record', 'impact', 'impact-tenant'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: { only: { type: 'string' }, count: { type: 'string' }, duration: { type: 'string' }, rounds: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  process.stdout.write(
    `npm run bench [-- --only ${SECTIONS.join('|')}] [--count N (pipeline 10000, emulator 400, record 8, impact 10000, impact-tenant 5000)] [--duration SECONDS (load 30, hostile 10)] [--rounds N (matrix 2, hostile 5)]\n`,
  );
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

if (wants('load')) {
  const durationSeconds = values.duration ? Number(values.duration) : 30;
  process.stdout.write(`${formatLoad(await benchLoad({ durationSeconds }))}\n`);
}

if (wants('hostile')) {
  const rounds = values.rounds ? Number(values.rounds) : 5;
  const durationSeconds = values.duration ? Number(values.duration) : 10;
  process.stdout.write(`${formatHostile(await benchHostile({ rounds, durationSeconds }))}\n`);
}

if (wants('emulator')) {
  const logins = values.count ? Number(values.count) : 400;
  process.stdout.write(`${formatEmulator(await benchEmulator({ logins }))}\n`);
}

if (wants('matrix')) {
  // Sequential on purpose: two matrices at once would share the 2 cores and measure each other.
  // Alternating rounds, so that a drift in the machine's speed hits both worker counts alike.
  const rounds = values.rounds ? Number(values.rounds) : 2;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) {
    process.stderr.write(`bench: --rounds must be an integer from 1 to 20, received "${values.rounds}"\n`);
    process.exit(2);
  }
  const runs = [];
  for (let round = 0; round < rounds; round += 1) runs.push(await benchMatrix(1), await benchMatrix(2));
  process.stdout.write(`${formatMatrix(runs)}\n`);
}

if (wants('record')) {
  // Alternating plain and --record runs, so that a drift in the machine's speed hits both alike.
  const rounds = values.rounds ? Number(values.rounds) : 3;
  const scenarios = values.count ? Number(values.count) : 8;
  process.stdout.write(`${formatRecord(await benchRecord({ rounds, scenarios }))}\n`);
}

if (wants('impact')) {
  const users = values.count ? Number(values.count) : 10_000;
  process.stdout.write(`${formatImpact(await benchImpact(users))}\n`);
}

if (wants('impact-tenant')) {
  // 5,000 takes the users-export path; `--count 900` the paging path, where 429s are likeliest.
  const users = values.count ? Number(values.count) : 5_000;
  if (!Number.isInteger(users) || users < 1 || users > 1_000_000) {
    process.stderr.write(`bench: --count must be an integer from 1 to 1000000, received "${values.count}"\n`);
    process.exit(2);
  }
  process.stdout.write(`${formatImpactTenant(await benchImpactTenant(users))}\n`);
}
