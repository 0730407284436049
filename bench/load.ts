// Load benchmark of the fake SP's ACS (SECURITY.md; a benchmark, never a test): the real `flex-sso serve sp`
// child process on 127.0.0.1, autocannon POSTing a mix of valid (distinct pre-signed responses, since a
// replay is rejected by design) and invalid responses for `durationSeconds` with `connections`
// connections. Then: zero 5xx, and zero lost records — every answered POST carried X-Login-Id and each
// such id is in the run store on disk. Reports achieved rate, p99 latency and the SP's peak RSS.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedResponseBase64, TEST_TENANT } from '../test/helpers/saml-signer.ts';
import { startServeProcess } from '../test/helpers/serve-process.ts';
import { cpuMsOf, peakRssOf } from './proc.ts';

// autocannon ships no types: the slice used here.
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest: (req: Record<string, unknown>) => Record<string, unknown>;
  onResponse: (status: number, body: string, context: unknown, headers: Record<string, string | string[]>) => void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadBench {
  durationSeconds: number;
  connections: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statusCounts: Record<string, number>;
  validSent: number;
  invalidSent: number;
  errors: number;
  timeouts: number;
  acknowledged: number;
  unacknowledged: number;
  lostRecords: number;
  fiveXx: number;
  storedRecords: number;
  spPeakRssMiB: number;
  /** CPU the SP process spent per request: on a shared machine a better capacity estimate than the achieved rate. */
  spCpuMsPerRequest: number;
}

const CERT = fileURLToPath(new URL('../test/fixtures/signing/test-only-idp.cert.pem', import.meta.url));

/** Invalid POSTs of every kind the ACS must record without a 5xx. */
function invalidBody(i: number, valid: () => string): string {
  switch (i % 4) {
    case 0:
      return new URLSearchParams({ SAMLResponse: 'bm90IHNhbWw=', RelayState: `bad-${i}` }).toString();
    case 1:
      return new URLSearchParams({ SAMLResponse: Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').toString('base64') }).toString();
    case 2:
      return `RelayState=only-${i}`;
    default: {
      // A valid response with one flipped character: signature failure (403).
      const b64 = Buffer.from(Buffer.from(valid(), 'base64').toString('utf8').replace('agent', 'admin')).toString('base64');
      return new URLSearchParams({ SAMLResponse: b64 }).toString();
    }
  }
}

export async function benchLoad(opts: { durationSeconds?: number; connections?: number; validCount?: number } = {}): Promise<LoadBench> {
  const durationSeconds = opts.durationSeconds ?? 30;
  const connections = opts.connections ?? 10;
  const dir = await mkdtemp(join(tmpdir(), 'flex-sso-load-'));
  const proc = await startServeProcess(['sp', '--cert', CERT, '--issuer', TEST_TENANT.issuer, '--store', dir]);
  try {
    const sp = proc.ready.sp as { acsUrls: { enhanced: string }; audiences: { enhanced: string } };
    const acs = new URL(sp.acsUrls.enhanced);
    const now = new Date();
    const sign = (): string => signedResponseBase64({ now, acsUrl: sp.acsUrls.enhanced, audience: sp.audiences.enhanced, inResponseTo: null });
    // Enough distinct valid responses for half the requests at a few hundred per second.
    const validCount = opts.validCount ?? Math.max(500, durationSeconds * 150);
    const valid = Array.from({ length: validCount }, () => new URLSearchParams({ SAMLResponse: sign(), RelayState: 'load' }).toString());
    const template = valid[0] ?? '';
    let sent = 0;
    let validSent = 0;
    const ids = new Set<string>();
    let unacknowledged = 0;
    let fiveXx = 0;
    const request: AutocannonRequest = {
      method: 'POST',
      path: `${acs.pathname}${acs.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      setupRequest: (req) => {
        sent += 1;
        const body =
          sent % 2 === 0 && validSent < valid.length ? valid[validSent++] : invalidBody(sent, () => new URLSearchParams(template).get('SAMLResponse') ?? '');
        return { ...req, body };
      },
      onResponse: (status, _body, _ctx, headers) => {
        if (status >= 500) fiveXx += 1;
        const id = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-login-id')?.[1];
        if (typeof id === 'string') ids.add(id);
        else unacknowledged += 1;
      },
    };
    const cpuBefore = await cpuMsOf(proc.child.pid);
    const result = await autocannon({ url: `${acs.protocol}//${acs.host}`, connections, duration: durationSeconds, requests: [request] });
    const spPeakRssMiB = await peakRssOf(proc.child.pid);
    const spCpuMsPerRequest = ((await cpuMsOf(proc.child.pid)) - cpuBefore) / Math.max(1, sent);
    await proc.stop();
    const stored = await storedIds(dir);
    const lost = [...ids].filter((id) => !stored.has(id)).length;
    const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
    return {
      durationSeconds,
      connections,
      requests: result.requests.total,
      perSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      statusCounts,
      validSent,
      invalidSent: sent - validSent,
      errors: result.errors,
      timeouts: result.timeouts,
      acknowledged: ids.size,
      unacknowledged,
      lostRecords: lost,
      fiveXx,
      storedRecords: stored.size,
      spPeakRssMiB,
      spCpuMsPerRequest,
    };
  } finally {
    if (proc.child.exitCode === null && proc.child.signalCode === null) await proc.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function storedIds(dir: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const file of (await readdir(dir)).filter((f) => /^logins(\.\d+)?\.jsonl$/.test(f))) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (line.trim() === '') continue;
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') ids.add(id);
      } catch {
        // A torn line is not a record (none is expected here: the SP is stopped with SIGTERM).
      }
    }
  }
  return ids;
}

export function formatLoad(r: LoadBench): string {
  const ok = r.fiveXx === 0 && r.lostRecords === 0 && r.unacknowledged === 0 && r.errors === 0;
  return [
    `fake SP ACS load (flex-sso serve sp child, ${r.connections} connections, ${r.durationSeconds} s, valid/invalid mixed)`,
    `  ${r.requests} requests, ${r.perSecond.toFixed(0)}/s   p50 ${r.p50Ms} ms   p99 ${r.p99Ms} ms   max ${r.maxMs} ms`,
    `  sent ${r.validSent} valid + ${r.invalidSent} invalid; statuses ${JSON.stringify(r.statusCounts)}; errors ${r.errors}, timeouts ${r.timeouts}`,
    `  acknowledged (X-Login-Id) ${r.acknowledged}, without X-Login-Id ${r.unacknowledged}, lost records ${r.lostRecords}, 5xx ${r.fiveXx}; records on disk ${r.storedRecords}`,
    `  SP CPU ${r.spCpuMsPerRequest.toFixed(1)} ms per request → ≈ ${(1000 / r.spCpuMsPerRequest).toFixed(0)} requests/s per idle core if CPU-bound (main thread plus one judge worker on 2 cores)`,
    `  SP peak RSS ${r.spPeakRssMiB.toFixed(0)} MiB   ${ok ? 'OK: zero 5xx, zero lost records' : 'FAILED: see counts above'}`,
  ].join('\n');
}
