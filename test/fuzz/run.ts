// `npm run fuzz [-- --runs N --seed S]`: the long run of the pipeline fuzzer (test/hardening/fuzz.test.ts
// runs the same property briefly). First the fixed hostile inputs (./hostile.ts: floods
// past every cap, documents at every cap at once) with their verdicts and CPU time against the 250 ms
// budget; then random mutations (./mutations.ts, comment/transform floods, control characters and
// encodings among them). Prints runs, failures (with the mutations that caused them), throws, accepted
// count and per-input validation time (max / p99). Exit code 1 when any input failed.
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import { testKey, TEST_TENANT, toBase64 } from '../helpers/saml-signer.ts';
import { hostileInputs } from './hostile.ts';
import { applyMutations, fuzzBases, judge, mutationsArb } from './mutations.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('fuzz: --runs and --seed must be integers (runs > 0)\n');
  process.exit(2);
}

const HOSTILE_BUDGET_MS = 250;
const hostileExpectations = {
  certificates: [testKey().cert],
  issuer: TEST_TENANT.issuer,
  audience: TEST_TENANT.audience,
  acsUrl: TEST_TENANT.acsUrl,
  outstandingRequestIds: new Set([TEST_TENANT.requestId]),
  seenAssertionIds: new Set<string>(),
};
const hostileLines: string[] = [];
const failures: string[] = [];
for (const input of hostileInputs()) {
  const b64 = toBase64(input.xml);
  let worst = 0;
  let got = '';
  for (let round = 0; round < 3; round += 1) {
    const cpu = process.cpuUsage();
    const verdict = validateResponse(b64, hostileExpectations, TEST_TENANT.now);
    const used = process.cpuUsage(cpu);
    worst = Math.max(worst, (used.user + used.system) / 1000);
    got = verdict.valid ? 'valid' : (verdict.checks.find((c) => c.status === 'failed')?.code ?? '?');
  }
  if (got !== input.expect) failures.push(`hostile ${input.name}: expected ${input.expect}, got ${got}`);
  if (worst > HOSTILE_BUDGET_MS) failures.push(`hostile ${input.name}: ${worst.toFixed(0)} ms CPU, over the ${HOSTILE_BUDGET_MS} ms budget`);
  hostileLines.push(
    `  ${input.name.padEnd(24)} ${`${(Buffer.byteLength(input.xml) / 1024).toFixed(0)} KiB`.padStart(8)}  ${`${worst.toFixed(0)} ms`.padStart(7)}  ${got}`,
  );
}
process.stdout.write(`hostile inputs (worst CPU of 3 runs, budget ${HOSTILE_BUDGET_MS} ms):\n${hostileLines.join('\n')}\n`);

const bases = fuzzBases(validateResponse);
const inputArb = fc.tuple(fc.nat({ max: bases.length - 1 }), mutationsArb);
const times: number[] = [];
const cpuTimes: number[] = [];
const slowest: Array<{ ms: number; cpuMs: number; what: string }> = [];
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
      problem = `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
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
process.stdout.write(
  `${[
    `pipeline fuzz: seed ${seed}, ${done} runs, ${failures.length} failures, ${accepted} accepted (unchanged signed content)`,
    `  wall time per input: p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms, max ${(times.at(-1) ?? 0).toFixed(2)} ms`,
    `  CPU time per input: max ${maxCpu.toFixed(2)} ms (bound 100 ms: ${maxCpu < 100 ? 'within' : 'EXCEEDED'}; wall time above CPU time is other load on the machine)`,
    ...slowest
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((s) => `  slow ${s.ms.toFixed(0)} ms wall / ${s.cpuMs.toFixed(0)} ms CPU: ${s.what}`),
    ...failures.filter((f) => f !== '').map((f) => `  FAIL ${f}`),
  ].join('\n')}\n`,
);
if (failures.length > 0) process.exitCode = 1;
