// Pure planning for `provision`: the scenario users we want vs the users the tenant has →
// create / update / unchanged / delete steps, or conflicts that stop everything.
import { createHash } from 'node:crypto';
import { emailDomain, inTestDomain, isOwned, markerOf, OWNER_KEY, type OwnerMarker } from './ownership.ts';
import type { JsonObject, TenantUser, UserPatch } from './types.ts';

export interface DesiredUser {
  scenario: string;
  email: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  email_verified: boolean;
  app_metadata: JsonObject;
  user_metadata: JsonObject;
  /** An explicit password from the scenario; undefined → generated at creation. */
  password?: string;
}

export type PlanStep =
  | { kind: 'create'; email: string; scenario: string; desired: DesiredUser }
  | { kind: 'update'; email: string; scenario: string; userId: string; desired: DesiredUser; changes: string[] }
  | { kind: 'unchanged'; email: string; scenario: string; userId: string; desired: DesiredUser }
  | { kind: 'delete'; email: string; scenario: string; userId: string };

export interface PlanConflict {
  code: 'NOT_OWNED' | 'EMAIL_DOMAIN' | 'DUPLICATE_USER';
  email: string;
  scenario: string;
  message: string;
  hint: string;
}

export interface ProvisionPlan {
  steps: PlanStep[];
  conflicts: PlanConflict[];
}

export interface PlanInput {
  desired: DesiredUser[];
  existing: TenantUser[];
  testUserDomain: string;
  /** Delete owned users instead of provisioning: those of `desired`, or all owned when `all`. */
  cleanup?: { all: boolean };
  /** Also set a new generated password on existing users whose scenario names none (a run needs to know it). */
  resetGeneratedPasswords?: boolean;
}

/** A fingerprint of an explicit scenario password, so a changed password is detected without storing it. */
export function passwordFingerprint(email: string, password: string): string {
  return createHash('sha256').update(`flex-sso-harness\0${email.toLowerCase()}\0${password}`).digest('hex').slice(0, 16);
}

export function desiredAppMetadata(user: DesiredUser): JsonObject {
  const marker: OwnerMarker = {
    owned: true,
    scenario: user.scenario,
    ...(user.password !== undefined ? { password_fingerprint: passwordFingerprint(user.email, user.password) } : {}),
  };
  return { ...user.app_metadata, [OWNER_KEY]: marker };
}

/** Deep equality for JSON values, ignoring object key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a),
      kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as JsonObject)[k], (b as JsonObject)[k]));
  }
  return false;
}

/** Auth0's PATCH merges top-level metadata keys: set every desired key and null out the others. */
export function metadataPatch(current: JsonObject, desired: JsonObject): JsonObject {
  const patch: JsonObject = { ...desired };
  for (const key of Object.keys(current)) if (!Object.hasOwn(desired, key)) patch[key] = null;
  return patch;
}

export function changedFields(existing: TenantUser, desired: DesiredUser, resetGeneratedPasswords = false): string[] {
  const changes: string[] = [];
  for (const field of ['name', 'given_name', 'family_name'] as const) {
    if (desired[field] !== undefined && existing[field] !== desired[field]) changes.push(field);
  }
  if (existing.email_verified !== desired.email_verified) changes.push('email_verified');
  const wantedApp = desiredAppMetadata(desired);
  const { password_fingerprint: had } = markerOf(existing.app_metadata) ?? {};
  if (desired.password !== undefined ? had !== markerOf(wantedApp)?.password_fingerprint : resetGeneratedPasswords) changes.push('password');
  if (!jsonEqual(existing.app_metadata, wantedApp)) changes.push('app_metadata');
  if (!jsonEqual(existing.user_metadata, desired.user_metadata)) changes.push('user_metadata');
  return changes;
}

/** The PATCH body for an update step; `password` is the scenario's, or a generated one for a reset. */
export function updatePatch(existing: TenantUser, desired: DesiredUser, changes: string[], connection: string, password = desired.password): UserPatch {
  const patch: UserPatch = {};
  for (const field of ['name', 'given_name', 'family_name'] as const) {
    const value = desired[field];
    if (changes.includes(field) && value !== undefined) patch[field] = value;
  }
  if (changes.includes('email_verified')) patch.email_verified = desired.email_verified;
  if (changes.includes('app_metadata')) patch.app_metadata = metadataPatch(existing.app_metadata, desiredAppMetadata(desired));
  if (changes.includes('user_metadata')) patch.user_metadata = metadataPatch(existing.user_metadata, desired.user_metadata);
  if (changes.includes('password') && password !== undefined) {
    patch.password = password;
    patch.connection = connection;
  }
  return patch;
}

function dedupe(desired: DesiredUser[], conflicts: PlanConflict[]): DesiredUser[] {
  const byEmail = new Map<string, DesiredUser>();
  for (const user of desired) {
    const key = user.email.toLowerCase();
    const first = byEmail.get(key);
    if (!first) {
      byEmail.set(key, user);
      continue;
    }
    const same = jsonEqual({ ...first, scenario: '' }, { ...user, scenario: '' });
    if (!same) {
      conflicts.push({
        code: 'DUPLICATE_USER',
        email: user.email,
        scenario: user.scenario,
        message: `scenarios ${first.scenario} and ${user.scenario} define the user ${user.email} differently`,
        hint: 'Give each scenario its own e-mail address, or make the user definitions identical.',
      });
    }
  }
  return [...byEmail.values()];
}

export function planProvision(input: PlanInput): ProvisionPlan {
  const conflicts: PlanConflict[] = [];
  const steps: PlanStep[] = [];
  const domain = input.testUserDomain.toLowerCase();
  const existingByEmail = new Map(input.existing.map((u) => [u.email.toLowerCase(), u]));

  if (input.cleanup) {
    const wanted = new Set(input.desired.map((d) => d.email.toLowerCase()));
    for (const user of input.existing) {
      if (!isOwned(user, domain)) continue;
      if (!input.cleanup.all && !wanted.has(user.email.toLowerCase())) continue;
      steps.push({ kind: 'delete', email: user.email, scenario: markerOf(user.app_metadata)?.scenario ?? '', userId: user.user_id });
    }
    return { steps, conflicts };
  }

  for (const desired of dedupe(input.desired, conflicts)) {
    if (!inTestDomain(desired.email, domain)) {
      conflicts.push({
        code: 'EMAIL_DOMAIN',
        email: desired.email,
        scenario: desired.scenario,
        message: `scenario ${desired.scenario}: user ${desired.email} is outside the test user domain (expected @${domain}, received @${emailDomain(desired.email)})`,
        hint: `Use an address @${domain} in the scenario, or set auth0.testUserDomain in flex-sso.config.yaml.`,
      });
      continue;
    }
    const existing = existingByEmail.get(desired.email.toLowerCase());
    if (!existing) {
      steps.push({ kind: 'create', email: desired.email, scenario: desired.scenario, desired });
      continue;
    }
    if (!isOwned(existing, domain)) {
      conflicts.push({
        code: 'NOT_OWNED',
        email: desired.email,
        scenario: desired.scenario,
        message: `scenario ${desired.scenario}: the tenant already has a user ${existing.email} (${existing.user_id}) that the harness does not own (no app_metadata.${OWNER_KEY} marker); refusing to modify it`,
        hint: `Use another e-mail address in the scenario, or delete that user yourself if it is a leftover test user.`,
      });
      continue;
    }
    const changes = changedFields(existing, desired, input.resetGeneratedPasswords);
    steps.push(
      changes.length
        ? { kind: 'update', email: existing.email, scenario: desired.scenario, userId: existing.user_id, desired, changes }
        : { kind: 'unchanged', email: existing.email, scenario: desired.scenario, userId: existing.user_id, desired },
    );
  }
  return { steps, conflicts };
}
