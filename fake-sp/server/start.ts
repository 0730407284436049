// Starts the fake Flex SP: opens the run store (reloading earlier logins and rebuilding the replay
// cache from them), listens (127.0.0.1 by default, port 0 = a free port), then mounts the app with
// ACS URLs that carry the real port.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_JUDGE_DEADLINE_MS, sharedJudgePool } from '../judge/pool.ts';
import { MARKUP_LIMITS, type MarkupLimits } from '../pipeline/markup-limits.ts';
import { LoginStore } from '../store/login-store.ts';
import { ReplayCache } from '../store/replay-cache.ts';
import { createApp } from './app.ts';
import { LoginEvents } from './dashboard/login-events.ts';
import type { IdpConfig, SpContext } from './context.ts';
import { LANDING_PATH } from './context.ts';
import { FakeSpConfigError } from './errors.ts';
import { OutstandingRequests } from './outstanding-requests.ts';
import { checkProfiles, firstOfEachKind, profileQuery, resolveProfile } from './profiles.ts';
import type { FlexProfileConfig } from './profiles.ts';
import type { FlexPattern } from '../../flex/patterns.ts';
import { ScenarioRegistrations } from './expectations.ts';

export type { FlexProfileConfig, ResolvedProfile } from './profiles.ts';
export type { FlexProfileKind } from '../../flex/profile.ts';
export type { IdpConfig } from './context.ts';
export { FakeSpConfigError } from './errors.ts';
export { LoginStore } from '../store/login-store.ts';
export type { LoginRecord, LoginFilter } from '../store/login-store.ts';
export type { LoginRecordSummary } from './routes/api.ts';

export interface FakeSpOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Base URL the IdP addresses its responses to, when it is not this server's own URL: in the
   * harness's intercept mode the tenant posts to the real Flex ACS origin and the browser's POST
   * is routed here, so Destination/Recipient must be checked against that URL. Default: own URL.
   */
  publicUrl?: string;
  /** 0 (default) = a free port. */
  port?: number;
  profiles: FlexProfileConfig[];
  idp: IdpConfig;
  /** Directory of the run store (`logins.jsonl`). */
  storeDir: string;
  /** Allowed clock skew (default 120 s). */
  skewSeconds?: number;
  /** ACS form body limit (default 512 KiB); above it → 400 with a verdict. */
  maxBodyBytes?: number;
  /** Decoded SAMLResponse limit passed to the pipeline (its default: 256 KiB). */
  maxSamlBytes?: number;
  clock?: () => Date;
  /** The Flex pattern logins are judged against (`serve --pattern`): recorded on each login. */
  pattern?: FlexPattern;
  /** How long an accepted assertion ID is remembered when it has no parsable NotOnOrAfter (default 24 h). */
  replayTtlMs?: number;
  /** Maximum element depth of a SAMLResponse (pipeline default 64); deeper → 400 PARSE_DEPTH. */
  maxXmlDepth?: number;
  /** Replay cache capacity (default 100 000 assertion IDs); past it the oldest unexpired ID is evicted with a warning. */
  replayMaxEntries?: number;
  /** Run store rotation: rotate logins.jsonl past this size (default 64 MiB), keep `storeKeepFiles` rotated files (default 4). */
  storeRotateBytes?: number;
  storeKeepFiles?: number;
  /** Wall-clock budget of one verdict (default 2000 ms); past it the worker judging it is stopped → 400 DECODE_TOO_EXPENSIVE. */
  judgeDeadlineMs?: number;
  /** Overrides of single markup caps (defaults in docs/bounds.md); over a cap → 400 PARSE_TOO_MANY_*. */
  markupLimits?: Partial<MarkupLimits>;
}

export interface RunningSp {
  url: string;
  acsUrls: { enhanced?: string; legacy?: string };
  audiences: { enhanced?: string; legacy?: string };
  /** Base paths: with both kinds configured they need `?profile=…` (else 400 SP_PROFILE_REQUIRED). */
  metadataUrl: string;
  loginUrl: string;
  /** Per profile (the first of each kind), a URL that answers as it is. */
  metadataUrls: { enhanced?: string; legacy?: string };
  loginUrls: { enhanced?: string; legacy?: string };
  dashboardUrl: string;
  store: LoginStore;
  updateIdp(idp: FakeSpOptions['idp']): void;
  /** Pins these certificates instead (issuer and SSO URL kept); returns a function that restores the previous pins. */
  pinCertificates(certificates: string[]): () => void;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;
export const DEFAULT_SKEW_SECONDS = 120;
export { LANDING_PATH };

export async function startFakeSp(options: FakeSpOptions): Promise<RunningSp> {
  checkOptions(options);
  let idp = normalizeIdp(options.idp);
  const clock = options.clock ?? (() => new Date());
  const skewSeconds = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  const store = await LoginStore.open(options.storeDir, { clock, rotateBytes: options.storeRotateBytes, keepFiles: options.storeKeepFiles }).catch(
    (err: unknown) => {
      throw new FakeSpConfigError(
        'SP_STORE_UNUSABLE',
        `fake SP run store ${options.storeDir}: ${(err as Error).message}`,
        'point the store at a directory you can write to (it holds logins.jsonl)',
      );
    },
  );
  const replay = new ReplayCache({ skewSeconds, fallbackTtlMs: options.replayTtlMs, maxEntries: options.replayMaxEntries });
  const now = clock();
  for (const r of store.all()) {
    // Records written before `replayUntil` existed carry only the Conditions' NotOnOrAfter.
    if (r.verdict.valid && r.verdict.facts.assertionId !== undefined)
      replay.add(r.verdict.facts.assertionId, r.verdict.facts.replayUntil ?? r.verdict.facts.notOnOrAfter, now);
  }
  const server = createServer();
  const host = options.host ?? '127.0.0.1';
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    await store.close();
    throw new FakeSpConfigError(
      'SP_LISTEN_FAILED',
      `fake SP could not listen on ${host}:${options.port ?? 0}: ${error instanceof Error ? error.message : String(error)}`,
      'choose another port (or 0 for a free one) or stop the process holding it',
    );
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  const profiles = options.profiles.map((p) => resolveProfile(p, options.publicUrl?.replace(/\/$/, '') ?? url));
  const ctx: SpContext = {
    baseUrl: url,
    profiles,
    idp: () => idp,
    store,
    replay,
    outstanding: new OutstandingRequests(),
    clock,
    skewSeconds,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxSamlBytes: options.maxSamlBytes,
    maxXmlDepth: options.maxXmlDepth,
    ...(options.markupLimits === undefined ? {} : { markupLimits: { ...options.markupLimits } }),
    ...(options.pattern === undefined ? {} : { pattern: options.pattern }),
    registrations: new ScenarioRegistrations(),
    judge: { pool: sharedJudgePool(), deadlineMs: options.judgeDeadlineMs ?? DEFAULT_JUDGE_DEADLINE_MS },
  };
  // The first response would otherwise wait for a worker to load the pipeline.
  ctx.judge.pool.warm();
  const events = new LoginEvents();
  server.on('request', createApp(ctx, events));
  const first = firstOfEachKind(profiles);
  let closing: Promise<void> | undefined;
  return {
    url,
    acsUrls: { enhanced: first.enhanced?.acsUrl, legacy: first.legacy?.acsUrl },
    audiences: { enhanced: first.enhanced?.audience, legacy: first.legacy?.audience },
    metadataUrl: `${url}/metadata`,
    loginUrl: `${url}/login`,
    metadataUrls: profileUrls(`${url}/metadata`, first),
    loginUrls: profileUrls(`${url}/login`, first),
    dashboardUrl: `${url}/`,
    store,
    updateIdp(next) {
      idp = normalizeIdp(next);
    },
    pinCertificates(certificates) {
      const before = idp;
      idp = normalizeIdp({ ...idp, certificates });
      return () => {
        idp = before;
      };
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Dashboard event streams never go idle: end them, or close() would wait forever.
          events.close();
          server.closeIdleConnections();
        });
        await store.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function checkOptions(o: FakeSpOptions): void {
  checkProfiles(o.profiles);
  if (typeof o.storeDir !== 'string' || o.storeDir === '') {
    throw new FakeSpConfigError(
      'SP_NO_STORE_DIR',
      'fake SP options.storeDir: expected a directory path, received none',
      'pass the directory where logins.jsonl is kept',
    );
  }
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) {
    throw new FakeSpConfigError(
      'SP_BAD_PORT',
      `fake SP options.port: expected an integer 0..65535, received ${JSON.stringify(o.port)}`,
      'use 0 for a free port',
    );
  }
  for (const [name, value] of [
    ['maxBodyBytes', o.maxBodyBytes],
    ['maxSamlBytes', o.maxSamlBytes],
    ['replayTtlMs', o.replayTtlMs],
    ['maxXmlDepth', o.maxXmlDepth],
    ['replayMaxEntries', o.replayMaxEntries],
    ['storeRotateBytes', o.storeRotateBytes],
    ['judgeDeadlineMs', o.judgeDeadlineMs],
    ...Object.entries(o.markupLimits ?? {}).map(([k, v]) => [`markupLimits.${k}`, v] as const),
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      throw new FakeSpConfigError(
        'SP_BAD_LIMIT',
        `fake SP options.${name}: expected a positive integer, received ${JSON.stringify(value)}`,
        `omit ${name} for the default`,
      );
    }
  }
  const unknownLimit = Object.keys(o.markupLimits ?? {}).find((k) => !Object.hasOwn(MARKUP_LIMITS, k));
  if (unknownLimit !== undefined) {
    throw new FakeSpConfigError(
      'SP_BAD_LIMIT',
      `fake SP options.markupLimits.${unknownLimit}: not a markup cap`,
      `use one of ${Object.keys(MARKUP_LIMITS).join(', ')}`,
    );
  }
  if (o.storeKeepFiles !== undefined && !(Number.isInteger(o.storeKeepFiles) && o.storeKeepFiles >= 0)) {
    throw new FakeSpConfigError(
      'SP_BAD_LIMIT',
      `fake SP options.storeKeepFiles: expected an integer >= 0, received ${JSON.stringify(o.storeKeepFiles)}`,
      'omit storeKeepFiles for the default (4)',
    );
  }
  if (o.publicUrl !== undefined && !(URL.canParse(o.publicUrl) && /^https?:$/.test(new URL(o.publicUrl).protocol))) {
    throw new FakeSpConfigError(
      'SP_BAD_PUBLIC_URL',
      `fake SP options.publicUrl: expected an absolute http(s) URL, received ${JSON.stringify(o.publicUrl)}`,
      'e.g. https://login.flex.us1.twilio.com',
    );
  }
  if (o.skewSeconds !== undefined && !(Number.isFinite(o.skewSeconds) && o.skewSeconds >= 0)) {
    throw new FakeSpConfigError('SP_BAD_SKEW', `fake SP options.skewSeconds: expected a number >= 0, received ${JSON.stringify(o.skewSeconds)}`, 'e.g. 120');
  }
}

function normalizeIdp(idp: IdpConfig): IdpConfig {
  if (typeof idp !== 'object' || idp === null || !Array.isArray(idp.certificates) || idp.certificates.some((c) => typeof c !== 'string')) {
    throw new FakeSpConfigError(
      'SP_BAD_IDP',
      'fake SP options.idp.certificates: expected an array of PEM strings',
      'pass the IdP signing certificate(s) (Auth0: https://<tenant>/pem)',
    );
  }
  if (idp.ssoUrl !== undefined && !URL.canParse(idp.ssoUrl)) {
    throw new FakeSpConfigError(
      'SP_BAD_SSO_URL',
      `fake SP options.idp.ssoUrl: expected an absolute URL, received ${JSON.stringify(idp.ssoUrl)}`,
      'Auth0: https://<tenant>/samlp/<client_id>?connection=Username-Password-Authentication',
    );
  }
  return { certificates: [...idp.certificates], issuer: idp.issuer, ssoUrl: idp.ssoUrl };
}

function profileUrls(base: string, first: ReturnType<typeof firstOfEachKind>): { enhanced?: string; legacy?: string } {
  return {
    ...(first.enhanced ? { enhanced: `${base}?${profileQuery(first.enhanced)}` } : {}),
    ...(first.legacy ? { legacy: `${base}?${profileQuery(first.legacy)}` } : {}),
  };
}
