// The hand-over from `flex-sso run` (which provisions the tenant and starts the fake SP) to the
// Playwright workers: where to log in, where the SP is, and each scenario's user and password or the
// reason it cannot run on a real tenant. It holds passwords, so it lives in a 0700 temp directory,
// is written 0600, and is deleted when the run ends.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordSettings } from '../fidelity/recording/capture.ts';

export const PLAN_ENV = 'FLEX_SSO_REAL_TENANT_PLAN';

export type RealMode = 'staging' | 'intercept';

export type PlannedScenario = { run: true; email: string; userId: string; password: string } | { run: false; reason: string };

export interface RealTenantPlan {
  mode: RealMode;
  /** Tenant domain (host[:port]) and SAML app. */
  domain: string;
  samlClientId: string;
  /** IdP-initiated start: https://<domain>/samlp/<client_id>. */
  samlUrl: string;
  profile: 'enhanced' | 'legacy';
  /** Where the tenant posts: the local fake SP ACS (staging) or the real Flex ACS (intercept). */
  tenantAcsUrl: string;
  sp: { url: string; loginUrl: string; acsUrl: string };
  /** Scenario id → what to do with it. Scenarios absent here were not selected. */
  scenarios: Record<string, PlannedScenario>;
  /** `--record DIR`: where each worker writes its attempt (harness/fidelity/recording). */
  record?: RecordSettings;
}

export interface PlanHandle {
  file: string;
  dispose(): void;
}

export function writePlan(plan: RealTenantPlan): PlanHandle {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-plan-'));
  chmodSync(dir, 0o700);
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan), { mode: 0o600 });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readPlan(file: string): RealTenantPlan {
  const plan = JSON.parse(readFileSync(file, 'utf8')) as RealTenantPlan;
  if ((plan.mode !== 'staging' && plan.mode !== 'intercept') || typeof plan.scenarios !== 'object') {
    throw new Error(`${file}: not a flex-sso real-tenant plan (written by \`flex-sso run --mode staging|intercept\`)`);
  }
  return plan;
}
