// Emulator benchmark (target: ≥ 200 logins/s on 2 cores; a benchmark, never a test):
// - logins per second: full IdP-initiated logins over plain HTTP (login page → credentials → Auth0
//   auto-POST form with a signed response) with a lean node:http client (./http-login-client.ts),
//   `concurrency` at a time, against `flex-sso serve idp` in its own child process (so its CPU and
//   RSS are its own), the Pattern A Action bound (one worker round-trip per login); both processes
//   share the machine's cores, so the client's own CPU per login is reported next to the emulator's;
// - response build time: `buildLoginResponse` (XML + RSA-SHA256 signature) timed in this process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildLoginResponse } from '../fake-idp/saml/login-response.ts';
import { Tenant } from '../fake-idp/tenant/tenant.ts';
import { startServeProcess } from '../test/helpers/serve-process.ts';
import { LeanLoginClient } from './http-login-client.ts';
import { cpuMsOf, peakRssOf } from './proc.ts';
import { cpuReferenceMs, measure, ms, summarize, type Sample } from './stats.ts';

export interface EmulatorBench {
  logins: Sample;
  concurrency: number;
  failures: number;
  build: Sample;
  idpPeakRssMiB: number;
  /** CPU (user + system) the emulator process spent per login: on a shared machine a better capacity estimate than wall time. */
  idpCpuMsPerLogin: number;
  /** CPU (user + system) this process spent per login as the HTTP client, for the same window. */
  clientCpuMsPerLogin: number;
  /** bench/stats.ts cpuReferenceMs() right before the logins: how fast the machine was. */
  referenceMs: number;
}

const ACS_URL = 'http://127.0.0.1:9/acs';
const PASSWORD = 'Bench-Password-1';
const USERS = 20;

async function prepareTenant(path: string): Promise<void> {
  const tenant = await Tenant.load(path);
  tenant.updateApplication(tenant.defaultSamlClientId(), { callbacks: [ACS_URL], addons: { samlp: {} } });
  for (let i = 0; i < USERS; i += 1) {
    tenant.createUser({
      email: `bench.${i}@example.com`,
      password: PASSWORD,
      name: `Bench ${i}`,
      app_metadata: { flex: { roles: ['agent'], team: `team-${i % 4}` }, program: 'RAMP' },
    });
  }
  const code = await readFile(new URL('../scenarios/actions/pattern-a.js', import.meta.url), 'utf8');
  const action = tenant.createAction({ name: 'pattern-a', code });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
  await tenant.save(path);
}

function oneLogin(client: LeanLoginClient, samlPath: string, i: number): Promise<boolean> {
  return client.login({ samlPath, relayState: `bench-${i}`, username: `bench.${i % USERS}@example.com`, password: PASSWORD });
}

export async function benchEmulator(opts: { logins?: number; concurrency?: number; builds?: number } = {}): Promise<EmulatorBench> {
  const total = opts.logins ?? 400;
  const concurrency = opts.concurrency ?? 8;
  const dir = await mkdtemp(join(tmpdir(), 'flex-sso-emulator-bench-'));
  const statePath = join(dir, 'tenant.json');
  await prepareTenant(statePath);
  const tenant = await Tenant.load(statePath);
  const referenceMs = cpuReferenceMs();
  const proc = await startServeProcess(['idp', '--state', statePath]);
  let opened: LeanLoginClient | undefined;
  try {
    const samlUrl = new URL((proc.ready.idp as { samlUrl: string }).samlUrl);
    const client = new LeanLoginClient(samlUrl.origin, concurrency);
    opened = client;
    const samlPath = samlUrl.pathname;
    // Warm-up: worker start, JIT, and one login per bench user, because the first check of a stored
    // password hash is a one-off 10 ms scrypt per user (later ones hit the emulator's cache).
    for (let i = 0; i < Math.max(concurrency, USERS); i += 1) await oneLogin(client, samlPath, i);
    const durations: number[] = [];
    let failures = 0;
    let next = 0;
    const cpuBefore = await cpuMsOf(proc.child.pid);
    const clientCpuBefore = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++;
          const t = performance.now();
          if (!(await oneLogin(client, samlPath, i).catch(() => false))) failures += 1;
          durations.push(performance.now() - t);
        }
      }),
    );
    const logins = summarize(durations, performance.now() - start);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCpuMsPerLogin = (clientCpu.user + clientCpu.system) / 1000 / total;
    const idpCpuMsPerLogin = ((await cpuMsOf(proc.child.pid)) - cpuBefore) / total;
    const idpPeakRssMiB = await peakRssOf(proc.child.pid);
    const user = tenant.findUserByEmail('bench.0@example.com');
    const app = tenant.getApplication(tenant.defaultSamlClientId());
    if (!user || !app) throw new Error('bench tenant lost its user or application');
    const build = await measure(opts.builds ?? 300, () =>
      buildLoginResponse({
        user,
        client: app,
        tenantIssuer: tenant.issuer,
        acsUrl: ACS_URL,
        now: new Date(),
        action: { attributes: { email: user.email, full_name: 'Bench 0', roles: 'agent', team: 'team-0', program: 'RAMP' }, overrides: {} },
        signingKey: { keyPem: tenant.state.signing.keyPem, certPem: tenant.state.signing.certPem },
      }),
    );
    return { logins, concurrency, failures, build, idpPeakRssMiB, idpCpuMsPerLogin, clientCpuMsPerLogin, referenceMs };
  } finally {
    opened?.close();
    await proc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatEmulator(r: EmulatorBench): string {
  return [
    `Auth0 emulator (flex-sso serve idp child, HTTP logins with Pattern A Action, ${r.concurrency} concurrent; machine reference ${r.referenceMs.toFixed(1)} ms, 9.6 ms when quiet)`,
    `  logins            ${r.logins.perSecond.toFixed(0)}/s (target ≥ 200)   p50 ${ms(r.logins.p50)}   p99 ${ms(r.logins.p99)}   failures ${r.failures}/${r.logins.count}`,
    `  response build    ${r.build.perSecond.toFixed(0)}/s   p50 ${ms(r.build.p50)}   p99 ${ms(r.build.p99)} (XML + RSA-SHA256 signature, in-process)`,
    `  emulator CPU      ${ms(r.idpCpuMsPerLogin)} per login (all its threads) → ≈ ${(2000 / r.idpCpuMsPerLogin).toFixed(0)} logins/s on 2 idle cores if CPU-bound`,
    `  bench client CPU  ${ms(r.clientCpuMsPerLogin)} per login (this process, node:http) → emulator + client ≈ ${(2000 / (r.idpCpuMsPerLogin + r.clientCpuMsPerLogin)).toFixed(0)} logins/s on 2 cores`,
    `  emulator peak RSS ${r.idpPeakRssMiB.toFixed(0)} MiB`,
  ].join('\n');
}
