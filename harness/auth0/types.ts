// Plain shapes the admin commands reason about; the SDK adapter (admin.ts) maps Auth0's bodies onto them.
import type { ActionDependency } from '../../fake-idp/actions/dependencies.ts';

export type JsonObject = Record<string, unknown>;

export interface TenantUser {
  user_id: string;
  email: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  app_metadata: JsonObject;
  user_metadata: JsonObject;
}

export interface NewUser {
  connection: string;
  email: string;
  password: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  app_metadata: JsonObject;
  user_metadata: JsonObject;
}

export type UserPatch = Partial<Omit<NewUser, 'connection' | 'email'>> & { connection?: string };

export type BuildStatus = 'pending' | 'building' | 'packaged' | 'built' | 'retrying' | 'failed';

export interface ActionError {
  id?: string;
  msg: string;
}

export interface ActionInfo {
  id: string;
  name: string;
  code: string;
  status?: BuildStatus;
  errors: ActionError[];
  /** npm dependencies of the draft (Auth0's `dependencies`). */
  dependencies?: ActionDependency[];
  /** The live version, if any. */
  deployedVersion?: { id: string; number?: number; status?: BuildStatus; code: string; dependencies?: ActionDependency[] };
}

export interface DeployedVersion {
  id: string;
  number?: number;
  status?: BuildStatus;
  deployed: boolean;
  errors: ActionError[];
}

export interface BindingInfo {
  id?: string;
  displayName: string;
  action: ActionInfo;
}

export interface BindingRef {
  ref: { type: 'action_id' | 'action_name'; value: string };
  display_name?: string;
}

export interface SamlClientInfo {
  client_id: string;
  name: string;
  callbacks: string[];
  samlp?: JsonObject;
}

/** A setting that may be unreadable (e.g. a scope the management client lacks), with the reason. */
/** One application signing key as GET /api/v2/keys/signing lists it (the fields doctor reads). */
export interface SigningKeyInfo {
  kid: string;
  cert: string;
  fingerprint: string;
  current: boolean;
  next: boolean;
  previous: boolean;
}

export type Readable<T> = { ok: true; value: T } | { ok: false; error: string };

/** The tenant settings that can stop an automated login before Flex (doctor reads them). */
export interface LoginProtectionsInfo {
  /** GET /guardian/policies: [] = Never, all-applications = Always, confidence-score = Adaptive. */
  mfaPolicies: Readable<string[]>;
  /** GET /guardian/factors: the names of the enabled factors. */
  enabledFactors: Readable<string[]>;
  /** GET /attack-protection/bot-detection. */
  botDetection: Readable<{ challengePasswordPolicy: string; allowlist: string[]; monitoringMode: boolean }>;
  /** GET /attack-protection/brute-force-protection. */
  bruteForce: Readable<{ enabled: boolean; blocks: boolean; maxAttempts: number; allowlist: string[] }>;
}

/** The Management API operations the admin commands use, and nothing else. */
export interface Auth0Admin {
  listUsersPage(page: number, perPage: number): Promise<{ users: TenantUser[]; total?: number }>;
  createUser(user: NewUser): Promise<TenantUser>;
  updateUser(userId: string, patch: UserPatch): Promise<TenantUser>;
  deleteUser(userId: string): Promise<void>;
  getClient(clientId: string): Promise<SamlClientInfo>;
  findActionsByName(name: string): Promise<ActionInfo[]>;
  getAction(id: string): Promise<ActionInfo>;
  createAction(input: { name: string; code: string; runtime: string; dependencies: ActionDependency[] }): Promise<ActionInfo>;
  updateAction(id: string, input: { code: string; runtime: string; dependencies: ActionDependency[] }): Promise<ActionInfo>;
  deployAction(id: string): Promise<DeployedVersion>;
  listPostLoginBindings(): Promise<BindingInfo[]>;
  setPostLoginBindings(bindings: BindingRef[]): Promise<BindingInfo[]>;
  /** DELETE /user-blocks/{id}: removes the user's brute-force blocks (not an administrator's block). */
  unblockUser(userId: string): Promise<void>;
  /** MFA, bot detection and brute-force settings; each part unreadable on its own (missing scope). */
  readLoginProtections(): Promise<LoginProtectionsInfo>;
  /** GET /keys/signing: current, next (and previous) keys; unreadable on its own (missing scope). */
  listSigningKeys?(): Promise<Readable<SigningKeyInfo[]>>;
}
