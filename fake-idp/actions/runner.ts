// Runs a tenant's bound post-login Actions, in order, for one login — each in a pooled worker thread
// with a vm sandbox inside (see ./worker.js and ./sandbox-prelude.js for why both are needed).
import { createHash } from 'node:crypto';
import { ActionCache } from './action-cache.ts';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DEPENDENCIES_DIR, dependencyDir, type ActionDependency } from './dependencies.ts';
import type { PostLoginEvent } from './event.ts';
import type { FetchStub } from './fetch-stubs.ts';
import type { SamlSettingsOverrides } from '../saml/settings.ts';
import { checkActionSyntax, MODULE_WRAPPER_HEAD, wrapActionCode } from './syntax.ts';
import { WorkerSlot, type ActionCode, type SlotLog } from './worker-slot.ts';
import { parseWorkerResult, type ActionResult } from './result.ts';

export interface ActionToRun {
  id: string;
  name: string;
  code: string;
  secrets: Record<string, string>;
  /** npm dependencies declared for the Action (deployed version); only these can be required. */
  dependencies?: ActionDependency[];
}

/** Per-login inputs besides the event: what `fetch` answers (the emulator has no network). */
export interface RunOptions {
  fetchStubs?: FetchStub[];
}

/**
 * What an Action's api.samlResponse.set* calls leave for the response: the settings that change it
 * (fake-idp/saml/settings.ts, one list), plus setSigningCert and setRelayState.
 */
export type SamlOverrides = SamlSettingsOverrides & { signingCert?: string; relayState?: string };

export type ActionLogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';
export type ActionErrorKind = 'throw' | 'timeout' | 'syntax' | 'missing-handler' | 'invalid-api-use';

export interface PostLoginOutcome {
  ok: boolean;
  denied?: { reason: string; action: string };
  /** The last api.multifactor.enable(provider) of the chain ('none': skip MFA for this login). */
  multifactor?: { provider: string; action: string };
  error?: { kind: ActionErrorKind; message: string; action: string; line?: number; column?: number };
  saml: { attributes: Record<string, unknown>; overrides: SamlOverrides };
  appMetadataUpdates: Record<string, unknown>;
  userMetadataUpdates: Record<string, unknown>;
  logs: { action: string; level: ActionLogLevel; message: string; at: string }[];
  durationMs: number;
}

export interface ActionRunnerOptions {
  /** Worker threads kept warm (default 2). */
  poolSize?: number;
  /** Wall-clock limit for the whole chain of one login, like Auth0's (default 20 000 ms). */
  timeoutMs?: number;
  /** Clock for log timestamps (tests freeze it). */
  now?: () => Date;
  /** Where declared npm dependencies are installed (default .flex-sso/action-deps). */
  dependenciesDir?: string;
}

const LEVELS = new Set<string>(['log', 'info', 'warn', 'error', 'debug']);

export class ActionRunner {
  private readonly poolSize: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly dependenciesDir: string;
  private readonly idle: WorkerSlot[] = [];
  private readonly waiting: ((slot: WorkerSlot) => void)[] = [];
  private readonly busy = new Set<WorkerSlot>();
  /** The post-login trigger's api.cache, shared by every Action and login of this runner (one tenant). */
  private readonly cache = new ActionCache();
  private closed = false;

  constructor(opts: ActionRunnerOptions = {}) {
    this.poolSize = Math.max(1, Math.floor(opts.poolSize ?? 2));
    this.timeoutMs = Math.max(1, opts.timeoutMs ?? 20_000);
    this.now = opts.now ?? (() => new Date());
    this.dependenciesDir = opts.dependenciesDir ?? DEFAULT_DEPENDENCIES_DIR;
  }

  async run(actions: ActionToRun[], event: PostLoginEvent, options: RunOptions = {}): Promise<PostLoginOutcome> {
    if (this.closed) throw new Error('ActionRunner.run: the runner is closed');
    const started = performance.now();
    const outcome: PostLoginOutcome = {
      ok: true,
      saml: { attributes: {}, overrides: {} },
      appMetadataUpdates: {},
      userMetadataUpdates: {},
      logs: [],
      durationMs: 0,
    };
    if (actions.length > 0) {
      // One worker serves the whole chain; the deadline starts once it is ours, so time spent
      // queueing behind other logins never counts against this login's Actions.
      const slot = await this.acquire();
      try {
        await this.runChain(slot, actions, structuredClone(event), performance.now() + this.timeoutMs, outcome, options);
      } finally {
        this.release(slot);
      }
    }
    outcome.durationMs = performance.now() - started;
    return outcome;
  }

  private async runChain(
    slot: WorkerSlot,
    actions: ActionToRun[],
    event: PostLoginEvent,
    deadline: number,
    outcome: PostLoginOutcome,
    options: RunOptions,
  ): Promise<void> {
    let current = event;
    for (const action of actions) {
      const result = await this.runOne(slot, action, current, deadline, outcome, options);
      if (result.kind === 'error') {
        outcome.ok = false;
        outcome.error = { ...result.error, action: action.name };
        return;
      }
      merge(outcome.saml.attributes, result.attributes);
      Object.assign(outcome.saml.overrides, result.overrides);
      merge(outcome.appMetadataUpdates, result.app);
      merge(outcome.userMetadataUpdates, result.user);
      current = applyMetadata(current, result);
      if (result.multifactor !== undefined) outcome.multifactor = { provider: result.multifactor, action: action.name };
      if (result.denied !== undefined) {
        outcome.ok = false;
        outcome.denied = { reason: result.denied, action: action.name };
        return;
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(slots.map((slot) => slot.close()));
  }

  private async runOne(
    slot: WorkerSlot,
    action: ActionToRun,
    event: PostLoginEvent,
    deadline: number,
    outcome: PostLoginOutcome,
    options: RunOptions,
  ): Promise<ActionResult> {
    const syntax = cachedSyntaxCheck(action.code);
    if (syntax) return { kind: 'error', error: { kind: 'syntax', message: syntax.message, line: syntax.line, column: syntax.column } };
    const eventJson = JSON.stringify({ ...event, secrets: { ...action.secrets } });
    const redact = secretRedactor(action.secrets);
    const onLog = (log: SlotLog): void => {
      outcome.logs.push({
        action: action.name,
        level: LEVELS.has(log.level) ? (log.level as ActionLogLevel) : 'log',
        message: redact(log.message),
        at: this.now().toISOString(),
      });
    };
    const remaining = Math.max(1, Math.ceil(deadline - performance.now()));
    const reach = {
      dependencies: (action.dependencies ?? []).map((dep) => ({ ...dep, dir: dependencyDir(this.dependenciesDir, dep) })),
      fetchStubs: options.fetchStubs ?? [],
      cacheJson: this.cache.snapshotJson(this.now().getTime()),
    };
    const reply = await slot.exec(actionCode(action.code), eventJson, remaining, onLog, reach);
    if (reply.kind === 'timeout') {
      return {
        kind: 'error',
        error: {
          kind: 'timeout',
          message: `Action "${action.name}" did not finish within ${this.timeoutMs} ms (Auth0's limit for a login's Actions); look for an endless loop or an await that never settles`,
        },
      };
    }
    if (reply.kind === 'crashed') return { kind: 'error', error: { kind: 'throw', message: reply.message } };
    const result = parseWorkerResult(reply.json, MODULE_WRAPPER_HEAD.length);
    // Before the next Action of this login starts: the docs promise it sees what this one cached.
    if (result.kind === 'ok') this.cache.apply(result.cache, this.now().getTime());
    return result;
  }

  private acquire(): Promise<WorkerSlot> {
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(this.use(slot));
    if (this.busy.size < this.poolSize) return Promise.resolve(this.use(new WorkerSlot()));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private use(slot: WorkerSlot): WorkerSlot {
    this.busy.add(slot);
    return slot;
  }

  private release(slot: WorkerSlot): void {
    this.busy.delete(slot);
    if (this.closed) return;
    // A slot that timed out or crashed is gone; the next waiter gets a fresh worker instead (and
    // without a waiter none is started: acquire() starts one when it is needed).
    const waiter = this.waiting.shift();
    if (waiter) waiter(this.use(slot.dead ? new WorkerSlot() : slot));
    else if (!slot.dead) this.idle.push(slot);
  }
}

/** Console output ends up in tenant logs and reports: an Action's secret values never do. */
function secretRedactor(secrets: Record<string, string>): (text: string) => string {
  const entries = Object.entries(secrets).filter(([, value]) => typeof value === 'string' && value.length >= 4);
  if (entries.length === 0) return (text) => text;
  return (text) => entries.reduce((out, [name, value]) => out.split(value).join(`[secret ${name}]`), text);
}

const syntaxCache = new Map<string, ReturnType<typeof checkActionSyntax> | null>();
function cachedSyntaxCheck(code: string): ReturnType<typeof checkActionSyntax> {
  let hit = syntaxCache.get(code);
  if (hit === undefined) {
    hit = checkActionSyntax(code) ?? null;
    if (syntaxCache.size >= 256) syntaxCache.clear();
    syntaxCache.set(code, hit);
  }
  return hit ?? undefined;
}

// Wrapping and hashing an Action's code once per distinct code, not once per login.
const codeCache = new Map<string, ActionCode>();
function actionCode(code: string): ActionCode {
  let hit = codeCache.get(code);
  if (hit === undefined) {
    const wrapped = wrapActionCode(code);
    hit = { wrapped, hash: createHash('sha256').update(wrapped, 'utf8').digest('base64') };
    if (codeCache.size >= 256) codeCache.clear();
    codeCache.set(code, hit);
  }
  return hit;
}

/** Own-property writes, so names like `__proto__` stay plain keys; later Actions win. */
function merge(target: Record<string, unknown>, pairs: [string, unknown][]): void {
  for (const [key, value] of pairs) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Auth0 shows later Actions the metadata earlier Actions set (top-level keys; null deletes). */
function applyMetadata(event: PostLoginEvent, result: Extract<ActionResult, { kind: 'ok' }>): PostLoginEvent {
  if (result.app.length === 0 && result.user.length === 0) return event;
  const user = { ...event.user, app_metadata: { ...event.user.app_metadata }, user_metadata: { ...event.user.user_metadata } };
  for (const [key, value] of result.app) setOrDelete(user.app_metadata, key, value);
  for (const [key, value] of result.user) setOrDelete(user.user_metadata, key, value);
  return { ...event, user };
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === null) delete target[key];
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
