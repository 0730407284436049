// Starts the Auth0 emulator on 127.0.0.1 (HTTP, or HTTPS with the local CA so the auth0 SDK, which
// always speaks https://{domain}, can talk to it).
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ActionRunner } from './actions/runner.ts';
import { createFakeIdpApp, FAULTS_PATH, REALTIME_LOGS_PATH } from './app.ts';
import { FakeIdpConfigError } from './config-error.ts';
import { AUTH0_FREE_MANAGEMENT_LIMIT, validRateLimit, type RateLimitSetting } from './management/rate-limit.ts';
import { ensureLocalCa } from './tls/local-ca.ts';
import { DEFAULT_DOMAIN } from './tenant/defaults.ts';
import { generateSigningKeyInBackground, type SigningKey } from './tenant/signing-key.ts';
import { Tenant, type RealtimeLogEntry, type RealtimeLogFilter } from './tenant/tenant.ts';

export interface FakeIdpOptions {
  host?: string;
  port?: number;
  tenant?: Tenant;
  statePath?: string;
  /** Signing key of a fresh tenant (default: generated in the background at start). */
  signing?: SigningKey;
  domain?: string;
  https?: boolean;
  caDir?: string;
  actionTimeoutMs?: number;
  /** Where the Actions' declared npm dependencies are installed (default .flex-sso/action-deps). */
  actionDependenciesDir?: string;
  clock?: () => Date;
  /** Management API rate limit: token-bucket figures, or false for none. Default: Auth0's Free plan, burst 2 and 2/s. */
  rateLimit?: RateLimitSetting;
  /** Tenant log events become searchable (GET /api/v2/logs) this many ms after they happen, as Auth0 indexes late. Default 0. */
  logDelayMs?: number;
}

export interface RunningIdp {
  url: string;
  domain: string;
  issuer: string;
  tenant: Tenant;
  samlUrl(clientId?: string): string;
  metadataUrl(clientId?: string): string;
  pemUrl: string;
  tokenUrl: string;
  managementUrl: string;
  loginUrl: string;
  defaultClientId: string;
  managementClientId: string;
  managementClientSecret: string;
  caFile?: string;
  faultsUrl: string;
  /** The Actions real-time logs: JSON here, the HTML view at `${realtimeLogsUrl}/page`. */
  realtimeLogsUrl: string;
  /** The real-time log entries (Action console output, 256-character excerpt per Action) in process. */
  realtimeLogs(filter?: RealtimeLogFilter): RealtimeLogEntry[];
  /** Changes the Management API rate limit while serving (tests tighten or lift it). */
  setRateLimit(setting: RateLimitSetting): void;
  close(): Promise<void>;
}

export const DEFAULT_CA_DIR = join(process.cwd(), '.flex-sso', 'ca');

async function openTenant(options: FakeIdpOptions, clock: () => Date): Promise<Tenant> {
  if (options.tenant) return options.tenant;
  const opts = { clock, ...(options.domain ? { domain: options.domain } : {}) };
  if (options.statePath) return Tenant.load(options.statePath, opts);
  return Tenant.create({ ...opts, signing: options.signing ?? (await generateSigningKeyInBackground(options.domain ?? DEFAULT_DOMAIN, clock())) });
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Refuses figures the emulator cannot honour before anything starts. */
function checkOptions(options: FakeIdpOptions): void {
  if (options.rateLimit !== undefined && options.rateLimit !== false && !validRateLimit(options.rateLimit)) {
    throw new FakeIdpConfigError(
      'IDP_RATE_LIMIT',
      `emulator: rate limit ${JSON.stringify(options.rateLimit)} is not a bucket of at least 1 request refilled at more than 0 per second`,
      'give a whole burst >= 1 and a rate > 0 (Auth0 Free plan: burst 2, 2/s), or turn the limit off',
    );
  }
  if (options.logDelayMs !== undefined && (!Number.isInteger(options.logDelayMs) || options.logDelayMs < 0 || options.logDelayMs > 600_000)) {
    throw new FakeIdpConfigError(
      'IDP_LOG_DELAY',
      `emulator: log delay ${options.logDelayMs} ms is not a whole number from 0 to 600000`,
      'give the indexing delay in milliseconds, e.g. 2000',
    );
  }
}

export async function startFakeIdp(options: FakeIdpOptions = {}): Promise<RunningIdp> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? (() => new Date());
  const tenant = await openTenant(options, clock);
  tenant.logIndexDelayMs = options.logDelayMs ?? 0;
  let rateLimit: RateLimitSetting = options.rateLimit ?? AUTH0_FREE_MANAGEMENT_LIMIT;
  const runner = new ActionRunner({
    now: clock,
    ...(options.actionTimeoutMs === undefined ? {} : { timeoutMs: options.actionTimeoutMs }),
    ...(options.actionDependenciesDir === undefined ? {} : { dependenciesDir: options.actionDependenciesDir }),
  });
  const scheme = options.https ? 'https' : 'http';
  // The port is known only after listen(): URLs are resolved lazily from `base`.
  let base = '';
  const { app } = createFakeIdpApp({
    tenant,
    runner,
    clock,
    publicUrl: () => base,
    secureCookies: Boolean(options.https),
    rateLimit: () => rateLimit,
  });
  let caFile: string | undefined;
  let server: Server;
  if (options.https) {
    const caDir = options.caDir ?? DEFAULT_CA_DIR;
    const ca = await ensureLocalCa(caDir, clock).catch(async (err: unknown) => {
      await runner.close();
      throw new FakeIdpConfigError(
        'IDP_CA_UNUSABLE',
        `emulator: cannot keep its local CA in ${caDir}: ${(err as Error).message}`,
        'make it a directory you can write to, or remove what is in the way',
      );
    });
    caFile = ca.caFile;
    const cert = ca.issueServerCert(['localhost'], ['127.0.0.1', ...(host === '127.0.0.1' ? [] : [host])]);
    server = createHttpsServer({ key: cert.keyPem, cert: cert.certPem }, app);
  } else {
    server = createHttpServer(app);
  }
  server.headersTimeout = 30_000;
  server.requestTimeout = 180_000; // covers the longest injected delay fault
  let address: AddressInfo;
  try {
    address = await listen(server, host, options.port ?? 0);
  } catch (err) {
    await runner.close();
    throw new FakeIdpConfigError(
      'IDP_LISTEN_FAILED',
      `emulator could not listen on ${host}:${options.port ?? 0}: ${(err as Error).message}`,
      'choose another port (or 0 for a free one) or stop the process holding it',
    );
  }
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  base = `${scheme}://${hostPort}`;
  tenant.domain = options.domain ?? hostPort;

  const defaultClientId = tenant.defaultSamlClientId();
  const management = tenant.state.managementClients[0];
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runner.close();
      if (options.statePath) await tenant.save(options.statePath);
    })();
    return closed;
  };
  return {
    url: base,
    domain: tenant.domain,
    issuer: tenant.issuer,
    tenant,
    samlUrl: (clientId = defaultClientId) => `${base}/samlp/${encodeURIComponent(clientId)}`,
    metadataUrl: (clientId = defaultClientId) => `${base}/samlp/metadata/${encodeURIComponent(clientId)}`,
    pemUrl: `${base}/pem`,
    tokenUrl: `${base}/oauth/token`,
    managementUrl: `${base}/api/v2`,
    loginUrl: `${base}/u/login`,
    defaultClientId,
    managementClientId: management?.client_id ?? '',
    managementClientSecret: management?.client_secret ?? '',
    ...(caFile === undefined ? {} : { caFile }),
    faultsUrl: `${base}${FAULTS_PATH}`,
    realtimeLogsUrl: `${base}${REALTIME_LOGS_PATH}`,
    realtimeLogs: (filter) => tenant.realtimeLogs(filter),
    setRateLimit: (setting) => {
      rateLimit = setting;
    },
    close,
  };
}
