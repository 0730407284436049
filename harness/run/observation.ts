// What one scenario run observed, and the result the harness records for it (test → reporter).
import type { CheckResult } from '../../fake-sp/pipeline/types.ts';
import type { LoginRecord as StoredLoginRecord } from '../../fake-sp/store/login-store.ts';
import type { Outcome } from '../scenarios/schema.ts';

/** The fake SP's record of one ACS POST, as its API returns it (the fields of it the harness reads). */
export type LoginRecord = Pick<StoredLoginRecord, 'id' | 'profile' | 'relayState' | 'httpStatus' | 'samlResponse' | 'verdict'>;

/** Everything the driver saw: at most one of record / passwordError / idpErrorPage is set. */
export interface Observation {
  relayState: string;
  record?: LoginRecord;
  /** The login page's error code: `data-error-code` of Universal Login's `#error-element-*`, or the
   * `code` of Lock's /usernamepassword/login answer (harness/run/login-outcomes.ts maps both). */
  passwordError?: string;
  /** The login stopped on Auth0's MFA challenge (a /u/mfa-* page). */
  mfaChallenge?: { url: string };
  /** The emulator answered the login with an error page instead of a SAML POST. */
  idpErrorPage?: { url: string; status: number };
  /** The driver failed (timeout, missing element): the message names the URL and the selector. */
  driverError?: string;
}

export type ActualOutcome = Outcome | 'no-response';

export interface FieldResult {
  /** `outcome`, `check:<id>` or an attribute name. */
  field: string;
  ok: boolean;
  expected: string;
  actual: string;
  hint?: string;
}

/** One scenario's result, attached to its Playwright test as JSON and read by the reporter. */
export interface ScenarioRunResult {
  id: string;
  title: string;
  action: string;
  file: string;
  /** 1-based line of the scenario in its file (unknown for a test that ended without a result). */
  line?: number;
  tags: string[];
  flow: string;
  profile: string;
  loginPage: string;
  expectedOutcome: Outcome;
  outcome: ActualOutcome;
  passed: boolean;
  relayState: string;
  /** Attributes as received by the fake SP (name → values). */
  attributes: Record<string, string[]>;
  /** The fake SP's check results, unchanged (fake-sp/pipeline/types.ts CheckResult). */
  checks: CheckResult[];
  fields: FieldResult[];
  hints: string[];
  /** Start of the login to the fake SP's login record, milliseconds. */
  loginMs: number;
  loginId?: string;
  /** Decoded response XML, when a response reached the fake SP. */
  xml?: string;
  error?: string;
  /** Emulator runs: this login's Action console output from the emulator's Actions real-time logs. */
  actionLogs?: ActionLogs;
}

/** The emulator's Actions real-time log entries of one login (Auth0 persists 256 characters per Action). */
export interface ActionLogs {
  /** The emulator's real-time logs page for this user (live while the emulator runs). */
  pageUrl: string;
  entries: { action: string; executionId: string; console: { level: string; message: string }[]; consoleChars: number; truncated: boolean; error?: string }[];
}
