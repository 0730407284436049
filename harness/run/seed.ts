// Puts an emulated Auth0 tenant into the state one scenario needs: its user, its Action bound
// alone to the Login flow, the SAML addon for its Flex profile, its login page, and its fault.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Fault, SamlpAddon, UniversalLoginVariant } from '../../fake-idp/tenant/types.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { seedProtections, type ProtectedTenant } from './seed-protections.ts';

/** The part of fake-idp's Tenant the harness seeds through (in-process). */
export interface SeedableTenant extends ProtectedTenant {
  readonly state: { settings: { universalLogin: UniversalLoginVariant }; signing?: { certPem: string } };
  findUserByEmail(email: string): { user_id: string } | undefined;
  deleteUser(userId: string): boolean;
  createUser(input: {
    email: string;
    password: string;
    name?: string;
    given_name?: string;
    family_name?: string;
    email_verified?: boolean;
    app_metadata?: Record<string, unknown>;
    user_metadata?: Record<string, unknown>;
  }): { user_id: string };
  /** Hashes a password ahead of createUser, off the event loop (the emulator's Tenant has it). */
  preparePassword?(password: string): Promise<void>;
  createAction(input: { name: string; code: string; dependencies?: { name: string; version: string }[] }): { id: string };
  listActions(): { id: string; name: string }[];
  updateAction(id: string, patch: { code: string; dependencies?: { name: string; version: string }[] }): unknown;
  deployAction(id: string): unknown;
  setBindings(trigger: 'post-login', bindings: { ref: { type: 'action_id'; value: string }; display_name?: string }[]): unknown;
  updateApplication(clientId: string, patch: object): unknown;
  addFault(fault: Omit<Fault, 'id'>): unknown;
  clearFaults(): void;
  /** The tenant's signing certificates: current (state.signing) and next (the emulator's Tenant has it). */
  nextSigningKey?(): { certPem: string };
  /** What the Action's fetch answers (the emulator's Tenant has it). */
  setFetchStubs?(stubs: Scenario['fetch']): void;
}

/** Where the SAML app must send this scenario's response (from the fake SP). */
export interface SamlTarget {
  clientId: string;
  acsUrl: string;
  audience: string;
  callbacks: string[];
}

/** Per-worker cache: Action file (+ its dependencies) → deployed Action id, so each is created and deployed once. */
export type ActionCache = Map<string, string>;

export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** The addon as Twilio's guide configures it (HTTP-POST, signResponse true, Flex audience) + overrides; `audience: null` removes it. */
export function addonFor(scenario: Scenario, target: SamlTarget): SamlpAddon {
  const { audience, ...rest } = scenario.addon;
  return { binding: HTTP_POST_BINDING, signResponse: true, ...(audience === null ? {} : { audience: audience ?? target.audience }), ...rest };
}

/** One Action per file: a readable name plus a digest of the path, so two files never collide. */
export function actionName(actionFile: string): string {
  const base = basename(actionFile)
    .replace(/\.[cm]?js$/, '')
    .replace(/[^\w-]+/g, '-');
  return `flex-sso-${base}-${createHash('sha256').update(actionFile).digest('hex').slice(0, 8)}`;
}

export function generatePassword(): string {
  return `Pw-${randomBytes(12).toString('base64url')}1!`;
}

/** The password a scenario's user gets: the scenario's own, or a fresh random one. */
export function scenarioPassword(scenario: Scenario): string {
  return scenario.user.password ?? generatePassword();
}

/** Seeds the tenant for `scenario` (its user with `password`); returns the password. */
export function seedScenario(
  tenant: SeedableTenant,
  scenario: Scenario,
  target: SamlTarget,
  cache: ActionCache,
  password = scenarioPassword(scenario),
): { password: string } {
  const { user } = scenario;
  const existing = tenant.findUserByEmail(user.email.toLowerCase());
  if (existing) tenant.deleteUser(existing.user_id);
  const created = tenant.createUser({
    email: user.email,
    password,
    email_verified: user.email_verified,
    app_metadata: user.app_metadata,
    user_metadata: user.user_metadata,
    ...(user.name !== undefined ? { name: user.name } : {}),
    ...(user.given_name !== undefined ? { given_name: user.given_name } : {}),
    ...(user.family_name !== undefined ? { family_name: user.family_name } : {}),
  });

  const dependencies = scenario.dependencies ?? [];
  const cacheKey = dependencies.length ? `${scenario.actionFile}\n${dependencies.map((d) => `${d.name}@${d.version}`).join(',')}` : scenario.actionFile;
  let actionId = cache.get(cacheKey);
  if (!actionId) {
    const code = readFileSync(scenario.actionFile, 'utf8');
    const name = actionName(scenario.actionFile);
    const existing = tenant.listActions().find((a) => a.name === name);
    if (existing) tenant.updateAction(existing.id, { code, dependencies });
    actionId = existing?.id ?? tenant.createAction({ name, code, dependencies }).id;
    tenant.deployAction(actionId);
    // Another scenario of this file with other dependencies redeploys it: forget its cache entry.
    for (const [key, id] of cache) if (id === actionId && key !== cacheKey) cache.delete(key);
    cache.set(cacheKey, actionId);
  }
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: actionId }, display_name: scenario.action }]);

  tenant.updateApplication(target.clientId, { callbacks: target.callbacks, addons: { samlp: addonFor(scenario, target) } });
  tenant.state.settings.universalLogin = scenario.loginPage;

  tenant.setFetchStubs?.(scenario.fetch ?? []);
  tenant.clearFaults();
  if (scenario.fault) {
    const { spPins: _spSide, ...fault } = scenario.fault;
    tenant.addFault({ ...fault, email: user.email.toLowerCase(), remaining: 1 });
  }
  seedProtections(tenant, { email: user.email.toLowerCase(), userId: created.user_id }, scenario.protections);
  return { password };
}
