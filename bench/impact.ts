// `npm run bench -- --only impact`: `flex-sso impact` on N users from a JSON-lines file (default
// 10,000; `--count 100000` shows memory stays bounded), Pattern A as the baseline and a candidate
// that demotes one team's supervisors, run as users run it (the CLI in its own process, one Action
// worker per CPU). Wall time and the process's peak RSS (VmHWM, sampled every 100 ms: workers are
// threads of the same process) are recorded in BENCHMARKS.md ("impact").
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssOf } from './proc.ts';
import { cpuReferenceMs } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROLES = [['agent'], ['agent'], ['supervisor'], ['admin'], ['agent', 'wfo.team_leader'], ['superviser'], []];
const TEAMS = ['RAMP', 'Sales', 'Support', 'Billing'];

export interface ImpactBench {
  users: number;
  seconds: number;
  peakRssMiB: number;
  fileMiB: number;
  exitCode: number | null;
  summary: string;
  referenceMs: number;
}

/** Bench user `i`: one of 7 role mixes (a typo and no role among them), 4 teams, 5 programs. */
export function benchUser(i: number) {
  return {
    user_id: `auth0|bench${i}`,
    email: `user${i}@bench.test`,
    email_verified: true,
    name: `Bench User ${i}`,
    app_metadata: { flex: { roles: ROLES[i % ROLES.length] ?? [], team: TEAMS[i % TEAMS.length] ?? '' }, program: `P${i % 5}` },
    user_metadata: {},
  };
}

/** The candidate: Pattern A that demotes the RAMP team's supervisors to agents. */
export function demoteRampSupervisors(patternA: string): string {
  const line = "const roles = flex.roles || ['agent'];";
  // A reworded Pattern A would otherwise make the candidate the baseline, and the bench would measure no change.
  if (!patternA.includes(line)) throw new Error(`bench: scenarios/actions/pattern-a.js no longer has the line ${line}`);
  return patternA.replace(line, "const roles = (flex.roles || ['agent']).map((r) => (r === 'supervisor' && flex.team === 'RAMP' ? 'agent' : r));");
}

async function writeUsers(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    const user = benchUser(i);
    if (!out.write(`${JSON.stringify(user)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export async function benchImpact(count: number): Promise<ImpactBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-impact-'));
  try {
    const users = join(dir, 'users.jsonl');
    await writeUsers(users, count);
    const baseline = join(ROOT, 'scenarios/actions/pattern-a.js');
    const candidate = join(dir, 'pattern-a.js');
    writeFileSync(candidate, demoteRampSupervisors(readFileSync(baseline, 'utf8')));
    const referenceMs = cpuReferenceMs();
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/flex-sso.js'), 'impact', candidate, '--users', users, '--baseline', baseline], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    let peak = 0;
    const sampler = setInterval(() => {
      void peakRssOf(child.pid).then((mib) => {
        if (Number.isFinite(mib)) peak = Math.max(peak, mib);
      });
    }, 100);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const { size } = await import('node:fs').then((fs) => fs.statSync(users));
    return {
      users: count,
      seconds,
      peakRssMiB: peak,
      fileMiB: size / 1024 / 1024,
      exitCode,
      summary: /\d[\d,]* users checked:.*/.exec(stdout)?.[0] ?? '(no summary)',
      referenceMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatImpact(r: ImpactBench): string {
  return [
    `impact: ${r.users.toLocaleString('en-US')} users (${r.fileMiB.toFixed(1)} MiB JSON lines), Pattern A vs a candidate, one worker per CPU`,
    `  wall ${r.seconds.toFixed(1)} s · ${Math.round(r.users / r.seconds)} users/s · peak RSS ${r.peakRssMiB.toFixed(0)} MiB (sampled every 100 ms) · exit ${r.exitCode}`,
    `  ${r.summary}`,
    `  reference = one scrypt (N=2^12) just before the run: ${r.referenceMs.toFixed(1)} ms (9.6 ms seen on a quiet machine)`,
  ].join('\n');
}
