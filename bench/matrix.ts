// Scenario matrix: `flex-sso run` end to end (Playwright start, browser launch, emulator, every
// login, reports), with 1 and then 2 workers. Wall time is the CLI process's, browser start included;
// per-login figures are the scenarios' test durations from results.json. This machine's speed drifts
// (the same scrypt took 9.6 ms and 16 ms hours apart), so each run also records a CPU reference
// measured just before it: compare runs at similar reference times.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cpuReferenceMs, percentile } from './stats.ts';

const CLI = fileURLToPath(new URL('../bin/flex-sso.js', import.meta.url));

export interface MatrixRun {
  workers: number;
  exitCode: number;
  wallMs: number;
  total: number;
  passed: number;
  p50: number;
  p95: number;
  /** 1-minute load average when the run started (other processes share the cores). */
  load: number;
  /** Median time of one scrypt (N=2^12, r=8) on this machine right before the run: its speed then. */
  referenceMs: number;
}

interface ResultsJson {
  summary: { total: number; passed: number };
  scenarios: { durationMs: number }[];
}

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

export async function benchMatrix(workers: number, extraArgs: string[] = []): Promise<MatrixRun> {
  const out = mkdtempSync(join(tmpdir(), 'flex-sso-bench-matrix-'));
  try {
    const referenceMs = cpuReferenceMs();
    const load = loadavg()[0] ?? Number.NaN;
    const started = performance.now();
    const exitCode = await runCli(['run', '--reporter', 'json', '--out', out, '--workers', String(workers), ...extraArgs]);
    const wallMs = performance.now() - started;
    let results: ResultsJson;
    try {
      results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsJson;
    } catch (error) {
      throw new Error(`flex-sso run --workers ${workers} exited ${exitCode} without results.json: ${(error as Error).message}`);
    }
    const durations = results.scenarios.map((s) => s.durationMs).sort((a, b) => a - b);
    return {
      workers,
      exitCode,
      wallMs,
      total: results.summary.total,
      passed: results.summary.passed,
      p50: percentile(durations, 50),
      p95: percentile(durations, 95),
      load,
      referenceMs,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function formatMatrix(runs: MatrixRun[]): string {
  const lines = runs.map(
    (r) =>
      `  --workers ${r.workers}   ${r.passed}/${r.total} passed   wall ${(r.wallMs / 1000).toFixed(1)} s   ` +
      `per login p50 ${r.p50.toFixed(0)} ms   p95 ${r.p95.toFixed(0)} ms   (load ${r.load.toFixed(1)}, reference ${r.referenceMs.toFixed(1)} ms, exit ${r.exitCode})`,
  );
  return [
    'matrix (node bin/flex-sso.js run --reporter json --workers N; wall includes Playwright and browser start)',
    ...lines,
    '  targets on 2 cores: ≥ 24 scenarios in ≤ 10 s wall; per-login p50 ≤ 300 ms',
    '  reference = one scrypt (N=2^12) just before the run; lower is a faster machine (9.6 ms seen on a quiet one)',
  ].join('\n');
}
