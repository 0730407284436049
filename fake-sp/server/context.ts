// What every route of the fake SP shares: configuration, clock and run state.
import type { JudgePool } from '../judge/pool.ts';
import type { MarkupLimits } from '../pipeline/markup-limits.ts';
import type { LoginStore } from '../store/login-store.ts';
import type { ReplayCache } from '../store/replay-cache.ts';
import type { OutstandingRequests } from './outstanding-requests.ts';
import type { ResolvedProfile } from './profiles.ts';
import type { FlexPattern } from '../../flex/patterns.ts';
import type { ScenarioRegistrations } from './expectations.ts';

export interface IdpConfig {
  /** Pinned PEM certificates the IdP signs with. */
  certificates: string[];
  /** Expected IdP entity ID (Auth0: `urn:<tenant domain>`); undefined → issuer check skipped. */
  issuer?: string;
  /** IdP SSO URL for SP-initiated login (Auth0: `https://<tenant>/samlp/<client_id>?connection=…`). */
  ssoUrl?: string;
}

export interface SpContext {
  /** `http://host:port` the server really listens on. */
  baseUrl: string;
  profiles: readonly ResolvedProfile[];
  idp(): IdpConfig;
  store: LoginStore;
  replay: ReplayCache;
  outstanding: OutstandingRequests;
  clock: () => Date;
  skewSeconds: number;
  maxBodyBytes: number;
  maxSamlBytes?: number;
  maxXmlDepth?: number;
  markupLimits?: Partial<MarkupLimits>;
  /** Where and how long a SAMLResponse is judged (worker threads, deadline in ms). */
  judge: { pool: JudgePool; deadlineMs: number };
  pattern?: FlexPattern;
  /** RelayState → the scenario the harness registered for it. */
  registrations: ScenarioRegistrations;
}

export const LANDING_PATH = '/flex/agent-desktop';

/** Legacy SSO hands the browser an opaque `Token`; here it is the login id, base64url-encoded (stateless, survives restarts). */
export function legacyToken(loginId: string): string {
  return Buffer.from(loginId, 'utf8').toString('base64url');
}

export function loginIdFromToken(token: string): string {
  return Buffer.from(token, 'base64url').toString('utf8');
}
