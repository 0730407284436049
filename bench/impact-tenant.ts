// `npm run bench -- --only impact-tenant [--count N]` (issue 22, second scale item): `flex-sso impact`
// reads N users from the Auth0 emulator served over HTTPS as `flex-sso serve idp --https` serves it
// (startFakeIdp with its default, Auth0's Free-plan Management API limit: burst 2, 2/s), Pattern A
// bound as the deployed post-login Action, and the CLI in its own process with the environment a
// user sets for a tenant. N ≤ 1,000 is read in pages of 100, more through the users-export job.
// Recorded in BENCHMARKS.md ("impact-tenant"): wall, the tenant-read line the CLI prints, the 429s
// the emulator answered (counted at its HTTP server), exit code and summary line.
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeIdp } from '../fake-idp/server.ts';
import { AUTH0_FREE_MANAGEMENT_LIMIT } from '../fake-idp/management/rate-limit.ts';
import { USERS_EXPORT_FILES_PATH } from '../fake-idp/management/routes/jobs.ts';
import { DATABASE_CONNECTION, type Tenant } from '../fake-idp/tenant/tenant.ts';
import { defaultPicture } from '../fake-idp/tenant/users.ts';
import { benchUser, demoteRampSupervisors } from './impact.ts';
import { peakRssOf } from './proc.ts';
import { cpuReferenceMs } from './stats.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** A run that has not finished by then is stopped (SIGTERM) and reported with no exit code. */
const CLI_TIMEOUT_MS = 15 * 60_000;

export interface ImpactTenantBench {
  users: number;
  seconds: number;
  exitCode: number | null;
  /** The CLI's own "tenant read: …" stderr line, or a placeholder when it printed none. */
  tenantRead: string;
  method: 'pages' | 'export' | 'unknown';
  exportBytes: number | undefined;
  /** Every HTTP request the emulator answered, and its 429s by method and path (ids collapsed). */
  emulatorRequests: number;
  /** Seconds from the CLI's start to the emulator's first answer, its first answer to a users request, its last answer carrying users, and the CLI's tenant-read line. */
  firstAnswerSeconds: number | undefined;
  firstUsersAnswerSeconds: number | undefined;
  lastUsersServedSeconds: number | undefined;
  readLineSeconds: number | undefined;
  tooManyRequests: number;
  tooManyByPath: Map<string, number>;
  /** "rate limited, waiting …" lines on the CLI's stderr: each is one 429 it waited out. */
  waits: number;
  peakRssMiB: number;
  summary: string;
  /** Seeded users the candidate changes (RAMP supervisors), counted from the seed, not by impact. */
  expectedChanged: number;
  referenceMs: number;
  loadBefore: number[];
  loadAfter: number[];
}

/**
 * N bench users straight into the tenant (seeding through the rate-limited API would take
 * minutes): the first through Tenant.createUser (Auth0's profile defaults, one scrypt hash), the
 * others copies of it with their own id, email, name and metadata — N scrypt hashes would take
 * longer than the run, and impact never reads a password.
 */
function seedUsers(tenant: Tenant, count: number): void {
  const template = tenant.createUser({ ...benchUser(0), password: 'Bench-passw0rd!' });
  for (let i = 1; i < count; i++) {
    const user = benchUser(i);
    const suffix = user.user_id.slice('auth0|'.length);
    tenant.state.users.push({
      ...template,
      user_id: user.user_id,
      email: user.email,
      name: user.name,
      nickname: user.email.split('@')[0] ?? user.email,
      picture: defaultPicture(user.email, user.name),
      app_metadata: user.app_metadata,
      user_metadata: {},
      identities: [{ connection: DATABASE_CONNECTION, provider: 'auth0', user_id: suffix, isSocial: false }],
    });
  }
}

function bindPatternA(tenant: Tenant, code: string): void {
  const action = tenant.createAction({ name: 'pattern-a', code });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
}

/** Counts the answers of the server listening on `port` (this process serves nothing else). */
interface ResponseCounter {
  stop(): void;
  requests: () => number;
  tooMany: Map<string, number>;
  /** Bytes of the gzipped export file served, when one was. */
  exportBytes: () => number | undefined;
  /** performance.now() when the first answer (any request) finished. */
  firstAnswerAt: () => number | undefined;
  /** performance.now() when the first answer to a users request (a list, the export job, its file; 429s too) finished. */
  firstUsersAnswerAt: () => number | undefined;
  /** performance.now() when the last answer carrying users (a page of users, the export file) finished. */
  lastUsersServedAt: () => number | undefined;
}

function countResponses(port: number): ResponseCounter {
  let requests = 0;
  let firstAnswerAt: number | undefined;
  let exportBytes: number | undefined;
  let firstUsersAnswerAt: number | undefined;
  let lastUsersServedAt: number | undefined;
  const tooMany = new Map<string, number>();
  // Node's own HTTP(S) server publishes every finished response here: no hook in the emulator needed.
  const onFinish = (message: unknown): void => {
    const { request, response, server } = message as { request: IncomingMessage; response: ServerResponse; server: Server };
    if ((server.address() as AddressInfo | null)?.port !== port) return;
    requests += 1;
    firstAnswerAt ??= performance.now();
    // Express strips a router's mount point from req.url; originalUrl keeps it. Ids are cut off.
    const url = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';
    const path = url.split('?')[0]?.split('/').slice(0, 4).join('/') ?? '';
    const users = path === '/api/v2/users' || path === '/api/v2/jobs' || path.startsWith(USERS_EXPORT_FILES_PATH);
    if (users) firstUsersAnswerAt ??= performance.now();
    if (users && response.statusCode === 200 && path !== '/api/v2/jobs') lastUsersServedAt = performance.now();
    if (path.startsWith(USERS_EXPORT_FILES_PATH) && response.statusCode === 200) exportBytes = Number(response.getHeader('content-length'));
    if (response.statusCode !== 429) return;
    const key = `${request.method ?? '?'} ${path}`;
    tooMany.set(key, (tooMany.get(key) ?? 0) + 1);
  };
  subscribe('http.server.response.finish', onFinish);
  return {
    stop: () => unsubscribe('http.server.response.finish', onFinish),
    requests: () => requests,
    tooMany,
    firstAnswerAt: () => firstAnswerAt,
    exportBytes: () => exportBytes,
    firstUsersAnswerAt: () => firstUsersAnswerAt,
    lastUsersServedAt: () => lastUsersServedAt,
  };
}

export async function benchImpactTenant(count: number): Promise<ImpactTenantBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-impact-tenant-'));
  const idp = await startFakeIdp({ https: true, port: 0, caDir: join(dir, 'ca') });
  const counter = countResponses(Number(new URL(idp.url).port));
  try {
    const patternA = readFileSync(join(ROOT, 'scenarios/actions/pattern-a.js'), 'utf8');
    seedUsers(idp.tenant, count);
    bindPatternA(idp.tenant, patternA);
    // Named as the bound Action, so it replaces that one (it is also the only one bound).
    const candidate = join(dir, 'pattern-a.js');
    writeFileSync(candidate, demoteRampSupervisors(patternA));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      AUTH0_DOMAIN: idp.domain,
      AUTH0_MGMT_CLIENT_ID: idp.managementClientId,
      AUTH0_MGMT_CLIENT_SECRET: idp.managementClientSecret,
      AUTH0_SAML_CLIENT_ID: idp.defaultClientId,
      NODE_EXTRA_CA_CERTS: idp.caFile,
    };
    delete env.FLEX_SSO_IMPACT_PAGING_LIMIT; // Auth0's own 1,000-result cap decides the path
    const loadBefore = loadavg();
    const referenceMs = cpuReferenceMs();
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/flex-sso.js'), 'impact', candidate], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    let readLineAt: number | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (readLineAt === undefined && stderr.includes('tenant read: ')) readLineAt = performance.now();
      process.stderr.write(d);
    });
    let peak = 0;
    const sampler = setInterval(() => {
      void peakRssOf(child.pid).then((mib) => {
        if (Number.isFinite(mib)) peak = Math.max(peak, mib);
      });
    }, 100);
    const timer = setTimeout(() => child.kill('SIGTERM'), CLI_TIMEOUT_MS);
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const tenantRead = /tenant read: .*/.exec(stderr)?.[0] ?? '(no tenant-read line)';
    const method = /users-export job/.test(tenantRead) ? 'export' : /pages of 100/.test(tenantRead) ? 'pages' : 'unknown';
    const tooManyRequests = [...counter.tooMany.values()].reduce((sum, n) => sum + n, 0);
    return {
      users: count,
      seconds,
      exitCode,
      tenantRead,
      method,
      exportBytes: counter.exportBytes(),
      emulatorRequests: counter.requests(),
      firstAnswerSeconds: since(started, counter.firstAnswerAt()),
      firstUsersAnswerSeconds: since(started, counter.firstUsersAnswerAt()),
      lastUsersServedSeconds: since(started, counter.lastUsersServedAt()),
      readLineSeconds: since(started, readLineAt),
      tooManyRequests,
      tooManyByPath: counter.tooMany,
      waits: (stderr.match(/rate limited, waiting/g) ?? []).length,
      peakRssMiB: peak,
      summary: /\d[\d,]* users checked:.*/.exec(stdout)?.[0] ?? '(no summary)',
      expectedChanged: Array.from({ length: count }, (_, i) => benchUser(i).app_metadata.flex).filter(
        (flex) => flex.team === 'RAMP' && flex.roles.includes('supervisor'),
      ).length,
      referenceMs,
      loadBefore,
      loadAfter: loadavg(),
    };
  } finally {
    counter.stop();
    await idp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const since = (start: number, at: number | undefined): number | undefined => (at === undefined ? undefined : (at - start) / 1000);
const secs = (n: number | undefined): string => (n === undefined ? '?' : `${n.toFixed(1)} s`);
const exportSize = (r: ImpactTenantBench): string =>
  r.exportBytes === undefined ? '?' : `${(r.exportBytes / 1024).toFixed(0)} KiB gzipped, ${(r.exportBytes / r.users).toFixed(0)} bytes a user`;
const load = (l: number[]): string => l.map((n) => n.toFixed(1)).join(' / ');

export function formatImpactTenant(r: ImpactTenantBench): string {
  const { burst, perSecond } = AUTH0_FREE_MANAGEMENT_LIMIT;
  const byPath = [...r.tooManyByPath].map(([path, n]) => `${path} ${n}`).join(', ');
  return [
    `impact-tenant: ${r.users.toLocaleString('en-US')} users read from the emulator over HTTPS (Management API limit burst ${burst}, ${perSecond}/s), deployed Pattern A vs a candidate`,
    `  wall ${r.seconds.toFixed(1)} s (CLI start to exit) · exit ${r.exitCode} · peak RSS ${r.peakRssMiB.toFixed(0)} MiB · path: ${r.method === 'export' ? `users-export job (file ${exportSize(r)})` : r.method === 'pages' ? 'pages of 100' : 'unknown'}`,
    `  CLI: ${r.tenantRead}`,
    `  after the CLI started: emulator's first answer at ${secs(r.firstAnswerSeconds)}, users requests from ${secs(r.firstUsersAnswerSeconds)} to ${secs(r.lastUsersServedSeconds)}; tenant-read line at ${secs(r.readLineSeconds)}`,
    `  emulator: ${r.emulatorRequests} requests answered, ${r.tooManyRequests} × 429${byPath ? ` (${byPath})` : ''}; the CLI waited ${r.waits} times`,
    `  ${r.summary} (seeded RAMP supervisors, the users the candidate changes: ${r.expectedChanged.toLocaleString('en-US')})`,
    `  reference = one scrypt (N=2^12) just before the run: ${r.referenceMs.toFixed(1)} ms (9.6 ms seen on a quiet machine) · load average ${load(r.loadBefore)} before, ${load(r.loadAfter)} after`,
  ].join('\n');
}
