// `npm run fuzz [-- --runs N --seed S]`: the long run of the pipeline fuzzer (test/hardening/fuzz.test.ts
// runs the same property briefly). Prints runs, failures (with the mutations that caused them), throws,
// accepted count and per-input validation time (max / p99). Exit code 1 when any input failed.
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import { applyMutations, fuzzBases, judge, mutationsArb } from './mutations.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('fuzz: --runs and --seed must be integers (runs > 0)\n');
  process.exit(2);
}

const bases = fuzzBases(validateResponse);
const inputArb = fc.tuple(fc.nat({ max: bases.length - 1 }), mutationsArb);
const times: number[] = [];
const cpuTimes: number[] = [];
const slowest: Array<{ ms: number; cpuMs: number; what: string }> = [];
const failures: string[] = [];
let accepted = 0;
let done = 0;
const CHUNK = 1000;
for (let chunk = 0; done < runs; chunk += 1) {
  const inputs = fc.sample(inputArb, { numRuns: Math.min(CHUNK, runs - done), seed: seed + chunk });
  for (const [b, mutations] of inputs) {
    const base = bases[b];
    if (!base) continue;
    const b64 = applyMutations(base.xml, mutations);
    const t = performance.now();
    const cpu = process.cpuUsage();
    let problem: string | undefined;
    try {
      const verdict = validateResponse(b64, base.expectations, base.now);
      if (verdict.valid) accepted += 1;
      problem = judge(base, verdict);
    } catch (error) {
      problem = `threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
    }
    const elapsed = performance.now() - t;
    const cpuMs = process.cpuUsage(cpu).user / 1000;
    times.push(elapsed);
    cpuTimes.push(cpuMs);
    if (elapsed > 50) slowest.push({ ms: elapsed, cpuMs, what: `${base.name} ${JSON.stringify(mutations).slice(0, 300)}` });
    if (problem && failures.length < 20) failures.push(`${base.name} ${JSON.stringify(mutations)}\n  ${problem}`);
    else if (problem) failures.push('');
    done += 1;
  }
}
times.sort((a, b) => a - b);
const maxCpu = Math.max(0, ...cpuTimes);
const p = (q: number): number => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? Number.NaN;
process.stdout.write(`${[
  `pipeline fuzz: seed ${seed}, ${done} runs, ${failures.length} failures, ${accepted} accepted (unchanged signed content)`,
  `  wall time per input: p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms, max ${(times.at(-1) ?? 0).toFixed(2)} ms`,
  `  CPU time per input: max ${maxCpu.toFixed(2)} ms (bound 100 ms: ${maxCpu < 100 ? 'within' : 'EXCEEDED'}; wall time above CPU time is other load on the machine)`,
  ...slowest.sort((a, b) => b.ms - a.ms).slice(0, 5).map((s) => `  slow ${s.ms.toFixed(0)} ms wall / ${s.cpuMs.toFixed(0)} ms CPU: ${s.what}`),
  ...failures.filter((f) => f !== '').map((f) => `  FAIL ${f}`),
].join('\n')}\n`);
if (failures.length > 0) process.exitCode = 1;
