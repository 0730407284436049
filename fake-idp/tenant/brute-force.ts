// Brute-force protection (docs: secure/attack-protection/brute-force-protection). Failed logins
// of one user identifier from one IP address are counted; at the threshold (10 by default) that
// identifier is blocked from that IP ("Block Brute-force Logins"), or from every IP in Account
// Lockout mode (`count_per_identifier`), for the right password too. A block lasts until the
// Management API removes it (DELETE /user-blocks), the user's password changes, or 30 days pass.
// A successful login resets the count (Auth0's message says "multiple consecutive login attempts").
import { ipInList, normalizeIp } from './ip-list.ts';
import type { BruteForceState, LoginProtections, TenantState } from './types.ts';

/** Entries kept before the oldest are dropped, so a flood of identifiers cannot grow memory. */
export const MAX_BRUTE_FORCE_ENTRIES = 10_000;
export const BLOCK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface LoginAttempt {
  identifier: string;
  ip: string | undefined;
}
export interface FailedAttempt extends LoginAttempt {
  connection: string;
  userId: string;
}
export type UserBlock = BruteForceState['blocks'][number];

type Settings = LoginProtections['bruteForce'];

const ident = (identifier: string): string => identifier.trim().toLowerCase();

/** The IP part of the counting key: none in Account Lockout mode. */
function keyIp(settings: Settings, ip: string | undefined): string {
  return settings.mode === 'count_per_identifier' ? '' : normalizeIp(ip);
}

function exempt(state: TenantState, ip: string | undefined): boolean {
  const settings = state.protections.bruteForce;
  return !settings.enabled || state.connection.options.brute_force_protection === false || ipInList(settings.allowlist, ip);
}

function live(block: UserBlock, now: Date): boolean {
  return now.getTime() - Date.parse(block.blocked_at) < BLOCK_LIFETIME_MS;
}

/** The block that stops this identifier logging in from this IP, if any. */
export function activeBlock(state: TenantState, attempt: LoginAttempt, now: Date): UserBlock | undefined {
  if (exempt(state, attempt.ip)) return undefined;
  const identifier = ident(attempt.identifier);
  const ip = normalizeIp(attempt.ip);
  return state.bruteForce.blocks.find((b) => b.identifier === identifier && (b.ip === '' || b.ip === ip) && live(b, now));
}

function bounded<T>(list: T[]): void {
  if (list.length > MAX_BRUTE_FORCE_ENTRIES) list.splice(0, list.length - MAX_BRUTE_FORCE_ENTRIES);
}

/** Counts a wrong password; `blocked` when this attempt reached the threshold and a block now applies. */
export function recordFailure(state: TenantState, attempt: FailedAttempt, now: Date): { count: number; blocked: boolean } {
  if (exempt(state, attempt.ip)) return { count: 0, blocked: false };
  const settings = state.protections.bruteForce;
  const identifier = ident(attempt.identifier);
  const ip = keyIp(settings, attempt.ip);
  const { failures, blocks } = state.bruteForce;
  let entry = failures.find((f) => f.identifier === identifier && f.ip === ip);
  if (!entry) {
    entry = { identifier, ip, count: 0, last: now.toISOString() };
    failures.push(entry);
    bounded(failures);
  }
  entry.count += 1;
  entry.last = now.toISOString();
  // Monitoring (protection on, "block" response off): Auth0 records the event and blocks nothing.
  if (entry.count < settings.max_attempts || !settings.shields.includes('block')) return { count: entry.count, blocked: false };
  if (!blocks.some((b) => b.identifier === identifier && b.ip === ip && live(b, now))) {
    blocks.push({ identifier, ip, connection: attempt.connection, user_id: attempt.userId, blocked_at: now.toISOString() });
    bounded(blocks);
  }
  return { count: entry.count, blocked: true };
}

/** A successful login: the identifier's consecutive-failure count from this IP starts again. */
export function recordSuccess(state: TenantState, attempt: LoginAttempt): void {
  const identifier = ident(attempt.identifier);
  const ip = keyIp(state.protections.bruteForce, attempt.ip);
  state.bruteForce.failures = state.bruteForce.failures.filter((f) => !(f.identifier === identifier && f.ip === ip));
}

/** GET /user-blocks: `blocked_for` entries of an identifier (Auth0 omits the IP in Account Lockout mode). */
export function blocksOf(state: TenantState, identifier: string, now: Date): { identifier: string; ip?: string; connection: string }[] {
  const wanted = ident(identifier);
  return state.bruteForce.blocks
    .filter((b) => b.identifier === wanted && live(b, now))
    .map((b) => ({ identifier: b.identifier, ...(b.ip === '' ? {} : { ip: b.ip }), connection: b.connection }));
}

/** DELETE /user-blocks: removes the identifier's blocks and its failure counts; returns how many blocks went. */
export function removeBlocks(state: TenantState, identifier: string): number {
  const wanted = ident(identifier);
  const before = state.bruteForce.blocks.length;
  state.bruteForce.blocks = state.bruteForce.blocks.filter((b) => b.identifier !== wanted);
  state.bruteForce.failures = state.bruteForce.failures.filter((f) => f.identifier !== wanted);
  return before - state.bruteForce.blocks.length;
}
