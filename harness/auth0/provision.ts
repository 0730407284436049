// Applies a provisioning plan through the Management API, one step at a time with a progress line.
// Passwords (scenario or generated) are returned in memory for the login driver, never printed.
import { randomBytes } from 'node:crypto';
import type { Scenario } from '../scenarios/schema.ts';
import { CliError, EXIT } from '../cli/errors.ts';
import { listAllUsers } from './list-users.ts';
import { desiredAppMetadata, planProvision, updatePatch, type DesiredUser, type PlanStep, type ProvisionPlan } from './provision-plan.ts';
import type { Auth0Admin, TenantUser } from './types.ts';

/** 24 random characters from four classes, so any Auth0 password policy accepts it. */
export function generatePassword(): string {
  const body = randomBytes(18).toString('base64url');
  return `${body}aZ7!`;
}

export function desiredFromScenarios(scenarios: readonly Scenario[]): DesiredUser[] {
  return scenarios.map(({ id, user }) => ({
    scenario: id,
    email: user.email,
    email_verified: user.email_verified,
    app_metadata: { ...user.app_metadata },
    user_metadata: { ...user.user_metadata },
    ...(user.name !== undefined ? { name: user.name } : {}),
    ...(user.given_name !== undefined ? { given_name: user.given_name } : {}),
    ...(user.family_name !== undefined ? { family_name: user.family_name } : {}),
    ...(user.password !== undefined ? { password: user.password } : {}),
  }));
}

export function describeStep(step: PlanStep): string {
  switch (step.kind) {
    case 'create':
      return `create    ${step.email} (scenario ${step.scenario})`;
    case 'update':
      return `update    ${step.email} (scenario ${step.scenario}): ${step.changes.join(', ')}`;
    case 'unchanged':
      return `unchanged ${step.email} (scenario ${step.scenario})`;
    case 'delete':
      return `delete    ${step.email}${step.scenario ? ` (scenario ${step.scenario})` : ''}`;
  }
}

export function planSummary(plan: ProvisionPlan): Record<PlanStep['kind'], number> {
  const counts = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const step of plan.steps) counts[step.kind] += 1;
  return counts;
}

export interface ApplyResult {
  users: { email: string; scenario: string; userId: string }[];
  /** email (lower-case) → password, for users created now or whose scenario names a password. */
  passwords: Map<string, string>;
}

export async function applyPlan(
  admin: Auth0Admin,
  plan: ProvisionPlan,
  existing: readonly TenantUser[],
  connection: string,
  progress: (line: string) => void,
): Promise<ApplyResult> {
  const byId = new Map(existing.map((u) => [u.user_id, u]));
  const result: ApplyResult = { users: [], passwords: new Map() };
  const total = plan.steps.filter((s) => s.kind !== 'unchanged').length;
  let done = 0;
  for (const step of plan.steps) {
    if (step.kind === 'unchanged') {
      // A scenario's own password is known without setting it again (a second staging run needs it).
      if (step.desired.password !== undefined) result.passwords.set(step.email.toLowerCase(), step.desired.password);
      result.users.push({ email: step.email, scenario: step.scenario, userId: step.userId });
      continue;
    }
    done += 1;
    progress(`[${done}/${total}] ${describeStep(step)}`);
    if (step.kind === 'create') {
      const { desired } = step;
      const password = desired.password ?? generatePassword();
      const created = await admin.createUser({
        connection,
        email: desired.email,
        password,
        email_verified: desired.email_verified,
        app_metadata: desiredAppMetadata(desired),
        user_metadata: desired.user_metadata,
        ...(desired.name !== undefined ? { name: desired.name } : {}),
        ...(desired.given_name !== undefined ? { given_name: desired.given_name } : {}),
        ...(desired.family_name !== undefined ? { family_name: desired.family_name } : {}),
      });
      result.passwords.set(desired.email.toLowerCase(), password);
      result.users.push({ email: created.email, scenario: step.scenario, userId: created.user_id });
    } else if (step.kind === 'update') {
      const current = byId.get(step.userId);
      if (!current) throw new Error(`internal: user ${step.userId} missing from the listing`);
      const password = step.changes.includes('password') ? (step.desired.password ?? generatePassword()) : step.desired.password;
      await admin.updateUser(step.userId, updatePatch(current, step.desired, step.changes, connection, password));
      if (password !== undefined) result.passwords.set(step.email.toLowerCase(), password);
      result.users.push({ email: step.email, scenario: step.scenario, userId: step.userId });
    } else {
      await admin.deleteUser(step.userId);
    }
  }
  return result;
}

export interface ProvisionOptions {
  testUserDomain: string;
  connection: string;
  dryRun?: boolean;
  cleanup?: { all: boolean };
  resetGeneratedPasswords?: boolean;
  progress: (line: string) => void;
}

export interface ProvisionOutcome {
  plan: ProvisionPlan;
  applied?: ApplyResult;
}

/** List → plan → (unless dry run) apply. Conflicts stop everything before any change (exit 1). */
export async function provisionUsers(admin: Auth0Admin, desired: DesiredUser[], options: ProvisionOptions): Promise<ProvisionOutcome> {
  const listed = await listAllUsers(admin, (n, total) => options.progress(`  ${n}${total !== undefined ? `/${total}` : ''} users read`));
  if (listed.truncated) options.progress('warning: the tenant has more than 1000 users; only the first 1000 were compared (Auth0 paging limit)');
  const plan = planProvision({
    desired,
    existing: listed.users,
    testUserDomain: options.testUserDomain,
    ...(options.cleanup ? { cleanup: options.cleanup } : {}),
    ...(options.resetGeneratedPasswords ? { resetGeneratedPasswords: true } : {}),
  });
  if (plan.conflicts.length > 0) {
    const lines = plan.conflicts.map((c) => `  ${c.code}: ${c.message}\n    fix: ${c.hint}`);
    throw new CliError(
      'PROVISION_REFUSED',
      `nothing was changed; ${plan.conflicts.length} problem(s):\n${lines.join('\n')}`,
      'Resolve the problems above and run again.',
      EXIT.failed,
    );
  }
  if (options.dryRun) return { plan };
  return { plan, applied: await applyPlan(admin, plan, listed.users, options.connection, options.progress) };
}
