// Shape of the emulated Auth0 tenant. Field names follow Auth0's Management API so that state
// dumps and API bodies look like the real thing.

export interface SamlpAddon {
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  /** Profile claim → attribute name, or several names (docs saml-attribute-mapping-examples). Replaces the defaults. */
  mappings?: Record<string, string | string[]>;
  createUpnClaim?: boolean;
  passthroughClaimsWithNoMapping?: boolean;
  mapUnknownClaimsAsIs?: boolean;
  mapIdentities?: boolean;
  signResponse?: boolean;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
  lifetimeInSeconds?: number;
  nameIdentifierFormat?: string;
  nameIdentifierProbes?: string[];
  authnContextClassRef?: string;
  typedAttributes?: boolean;
  includeAttributeNameFormat?: boolean;
  binding?: string;
  logout?: { callback?: string; slo_enabled?: boolean };
}

export interface Application {
  client_id: string;
  client_secret: string;
  name: string;
  app_type: 'regular_web' | 'non_interactive' | 'spa' | 'native';
  callbacks: string[];
  addons: { samlp?: SamlpAddon };
  grant_types: string[];
}

export interface Identity {
  connection: string;
  provider: string;
  user_id: string;
  isSocial: boolean;
}

export type Metadata = Record<string, unknown>;

export interface User {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  given_name?: string;
  family_name?: string;
  picture: string;
  created_at: string;
  updated_at: string;
  last_login?: string;
  logins_count: number;
  blocked?: boolean;
  app_metadata: Metadata;
  user_metadata: Metadata;
  identities: Identity[];
  /** scrypt hash `scrypt$<salt b64>$<hash b64>`; never returned by the API. */
  password_hash: string;
}

export interface ActionSecret {
  name: string;
  value: string;
}

/** A build error, Auth0's `errors[]` item plus where a syntax error is. */
export interface ActionError {
  id: string;
  msg: string;
  line?: number;
  column?: number;
}

export interface ActionVersion {
  id: string;
  number: number;
  code: string;
  deployed: boolean;
  status: 'built' | 'failed';
  created_at: string;
  /** Secrets as they were when this version was deployed (Auth0 applies secret changes on deploy). */
  secrets?: ActionSecret[];
  /** npm dependencies of this version (a deployed version keeps the ones it was built with). */
  dependencies?: { name: string; version: string }[];
  errors?: ActionError[];
}

export interface Action {
  id: string;
  name: string;
  code: string;
  runtime: string;
  status: 'pending' | 'building' | 'built' | 'failed';
  supported_triggers: { id: 'post-login'; version: string }[];
  secrets: ActionSecret[];
  dependencies: { name: string; version: string }[];
  all_changes_deployed: boolean;
  deployed_version?: ActionVersion;
  versions: ActionVersion[];
  /** Build errors of the current code (syntax errors with line/column); empty when it builds. */
  errors?: ActionError[];
  created_at: string;
  updated_at: string;
}

export interface Binding {
  id: string;
  trigger_id: 'post-login';
  display_name: string;
  action: { id: string; name: string };
  created_at: string;
  updated_at: string;
}

/** A tenant log event, with the fields of Auth0's logs schema (docs-v2 main/docs/oas/tenant-logs/logs-schema.json) the emulator fills. */
export interface LogEvent {
  log_id: string;
  date: string;
  type: string;
  description: string;
  client_id?: string;
  client_name?: string;
  connection?: string;
  connection_id?: string;
  strategy?: string;
  strategy_type?: string;
  user_id?: string;
  user_name?: string;
  ip?: string;
  user_agent?: string;
  hostname?: string;
  tenant_name?: string;
  environment_name?: string;
  details?: Record<string, unknown>;
}

export type UniversalLoginVariant = 'single-page' | 'identifier-first' | 'classic-lock';

/** A fault the emulator applies to the next logins (see fake-idp/faults). */
export interface Fault {
  id: string;
  kind:
    | 'unsigned'
    | 'wrong-key'
    | 'wrong-audience'
    | 'wrong-recipient'
    | 'wrong-destination'
    | 'expired'
    | 'not-yet-valid'
    | 'missing-attribute'
    | 'delay'
    | 'http-500'
    | 'key-rotated';
  /** Only logins of this user (email, lower-case); undefined = any user. */
  email?: string;
  /** How many logins it still applies to; undefined = until removed. */
  remaining?: number;
  /** `missing-attribute`: attribute name; `delay`: milliseconds. */
  attribute?: string;
  delayMs?: number;
}

export interface ManagementClient {
  client_id: string;
  client_secret: string;
  name: string;
}

/** An RBAC role (Management API /roles); a user's roles reach Actions as event.authorization.roles. */
export interface Role {
  id: string;
  name: string;
  description?: string;
}

/** Password strength levels of a database connection (Auth0 `options.passwordPolicy`). */
export type PasswordPolicyLevel = 'none' | 'low' | 'fair' | 'good' | 'excellent';

/** The tenant's database connection, as GET /api/v2/connections/{id} shows it (the subset modelled). */
export interface DatabaseConnection {
  id: string;
  name: string;
  strategy: 'auth0';
  options: {
    /** null or absent: Auth0 applies `none`. */
    passwordPolicy?: PasswordPolicyLevel | null;
    password_complexity_options?: { min_length?: number };
    brute_force_protection?: boolean;
  };
  /** Applications allowed to log in through it ("enabled connections" of an application). */
  enabled_clients: string[];
}

export type CaptchaPolicy = 'never' | 'when_risky' | 'always';
export type MfaPolicy = 'all-applications' | 'confidence-score';

/** Attack protection and MFA settings, in the Management API's field names. */
export interface LoginProtections {
  bruteForce: {
    enabled: boolean;
    shields: ('block' | 'user_notification')[];
    allowlist: string[];
    mode: 'count_per_identifier_and_ip' | 'count_per_identifier';
    max_attempts: number;
  };
  botDetection: {
    bot_detection_level: 'low' | 'medium' | 'high';
    challenge_password_policy: CaptchaPolicy;
    challenge_passwordless_policy: CaptchaPolicy;
    challenge_password_reset_policy: CaptchaPolicy;
    allowlist: string[];
    monitoring_mode_enabled: boolean;
  };
  /** Guardian: the MFA policies (GET /guardian/policies) and factors (GET /guardian/factors). */
  mfa: { policies: MfaPolicy[]; factors: { name: string; enabled: boolean }[] };
}

/** Brute-force protection's memory: failed attempts per identifier (and IP), and the blocks they caused. */
export interface BruteForceState {
  failures: { identifier: string; ip: string; count: number; last: string }[];
  blocks: { identifier: string; ip: string; connection: string; user_id: string; blocked_at: string }[];
}

export interface TenantState {
  version: 1;
  domain: string;
  settings: {
    universalLogin: UniversalLoginVariant;
    friendlyName: string;
  };
  signing: { keyPem: string; certPem: string };
  /** Key ids, the next and previous keys (signing-keys.ts); absent until first asked for. */
  signingKeys?: import('./signing-keys.ts').SigningKeyRing;
  applications: Application[];
  managementClients: ManagementClient[];
  users: User[];
  actions: Action[];
  bindings: { 'post-login': Binding[] };
  logs: LogEvent[];
  faults: Fault[];
  /** RBAC roles; absent in state files written before roles existed. */
  roles?: Role[];
  /** user_id → ids of the roles assigned to that user, in assignment order. */
  roleMembers?: Record<string, string[]>;
  /** Emulator only: what an Action's fetch answers (the scenario's `fetch:` stubs). */
  actionFetchStubs?: import('../actions/fetch-stubs.ts').FetchStub[];
  /** Absent in state files written before these were modelled: filled in on load (login-state.ts). */
  connection: DatabaseConnection;
  protections: LoginProtections;
  bruteForce: BruteForceState;
}
