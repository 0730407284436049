// `flex-sso run --mode staging --record DIR` against the emulator posing as a tenant over HTTPS (as
// test/harness/fidelity/recorder-cli.test.ts does), alternating runs with and without --record: the
// logins' durations (results.json) show whether recording slows them; the wall time shows what the
// recording adds after them (one tenant-log search per scenario, under the Management API's rate
// limit), then `flex-sso fidelity DIR` replays the recording on the embedded emulator.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startFakeIdp } from '../fake-idp/server.ts';
import { actionName } from '../harness/run/seed.ts';
import { cpuReferenceMs, percentile } from './stats.ts';

const CLI = fileURLToPath(new URL('../bin/flex-sso.js', import.meta.url));
const ACTION = fileURLToPath(new URL('../scenarios/actions/pattern-a.js', import.meta.url));
const JQ = `JQ${'be4c11'.repeat(5)}aa`;
const ROLES = ['admin', 'supervisor', 'agent', 'agent'];

export interface RecordRun {
  record: boolean;
  exitCode: number;
  wallMs: number;
  total: number;
  passed: number;
  p50: number;
  p95: number;
  referenceMs: number;
}
export interface FidelityRun {
  exitCode: number;
  wallMs: number;
  replayed: number;
}

function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function benchRecord(options: { rounds: number; scenarios: number }): Promise<{ runs: RecordRun[]; fidelity: FidelityRun[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-bench-record-'));
  const idp = await startFakeIdp({ https: true, port: 0, caDir: join(dir, 'ca') });
  try {
    const action = idp.tenant.createAction({ name: actionName(ACTION), code: readFileSync(ACTION, 'utf8') });
    idp.tenant.deployAction(action.id);
    idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id }, display_name: 'Flex Pattern A' }]);
    const port = await freePort();
    idp.tenant.updateApplication(idp.defaultClientId, {
      callbacks: [`http://127.0.0.1:${port}/login/callback?connection=${JQ}`],
      addons: { samlp: { audience: `urn:flex:${JQ}`, signResponse: true, binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST' } },
    });
    writeFileSync(join(dir, 'flex-sso.config.yaml'), `flex:\n  profile: enhanced\n  connectionId: ${JQ}\nsp:\n  port: ${port}\n  storeDir: sp\n`);
    const scenarios = Array.from(
      { length: options.scenarios },
      (_, i) =>
        `- id: bench-${i}\n  title: bench ${i}\n  action: pattern-a\n  user: { email: bench-${i}@flex-sso.test, name: Bench ${i}, app_metadata: { flex: { roles: [${ROLES[i % ROLES.length] ?? 'agent'}] } } }\n  expect: { outcome: login }\n`,
    );
    writeFileSync(join(dir, 'bench.yaml'), scenarios.join(''));
    const env = {
      AUTH0_DOMAIN: idp.domain,
      AUTH0_MGMT_CLIENT_ID: idp.managementClientId,
      AUTH0_MGMT_CLIENT_SECRET: idp.managementClientSecret,
      AUTH0_SAML_CLIENT_ID: idp.defaultClientId,
      NODE_EXTRA_CA_CERTS: idp.caFile,
      FLEX_SSO_INSECURE_TLS: '1',
    };
    const runs: RecordRun[] = [];
    const fidelity: FidelityRun[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const record of [false, true]) {
        const out = join(dir, `out-${round}-${record}`);
        const referenceMs = cpuReferenceMs();
        const started = performance.now();
        const { code } = await cli(
          [
            'run',
            '--mode',
            'staging',
            '--scenarios',
            'bench.yaml',
            '--workers',
            '1',
            '--reporter',
            'json',
            '--out',
            out,
            ...(record ? ['--record', `rec-${round}`] : []),
          ],
          env,
          dir,
        );
        const wallMs = performance.now() - started;
        const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
          summary: { total: number; passed: number };
          scenarios: { durationMs: number }[];
        };
        const durations = results.scenarios.map((s) => s.durationMs).sort((a, b) => a - b);
        runs.push({
          record,
          exitCode: code,
          wallMs,
          total: results.summary.total,
          passed: results.summary.passed,
          p50: percentile(durations, 50),
          p95: percentile(durations, 95),
          referenceMs,
        });
      }
      const started = performance.now();
      const { code, stdout } = await cli(['fidelity', `rec-${round}`, '--json'], {}, dir);
      const replayed = (JSON.parse(stdout) as { summary: { replayed: number } }).summary.replayed;
      fidelity.push({ exitCode: code, wallMs: performance.now() - started, replayed });
    }
    return { runs, fidelity };
  } finally {
    await idp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatRecord(result: { runs: RecordRun[]; fidelity: FidelityRun[] }): string {
  const lines = result.runs.map(
    (r) =>
      `  ${r.record ? '--record' : 'plain   '}   ${r.passed}/${r.total} passed   wall ${(r.wallMs / 1000).toFixed(1)} s   ` +
      `per login p50 ${r.p50.toFixed(0)} ms   p95 ${r.p95.toFixed(0)} ms   (reference ${r.referenceMs.toFixed(1)} ms, exit ${r.exitCode})`,
  );
  const replays = result.fidelity.map((f) => `  fidelity   ${f.replayed} replayed   wall ${(f.wallMs / 1000).toFixed(1)} s   (exit ${f.exitCode})`);
  return [
    'record (node bin/flex-sso.js run --mode staging [--record DIR] against the emulator over HTTPS; then flex-sso fidelity DIR)',
    ...lines,
    ...replays,
  ].join('\n');
}
