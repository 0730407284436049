// Which scenarios a real tenant can run. Staging and intercept test the tenant's own configuration,
// so the harness never changes it: a scenario that needs an emulator fault, a SAML addon override,
// another Flex profile, or an Action that is not deployed and bound is skipped with the reason.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { BindingInfo } from '../auth0/types.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { REPO_ROOT } from '../repo-root.ts';

/** Code compared modulo line endings and surrounding whitespace (the dashboard editor may add a newline). */
export function normalizeActionCode(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** The deployed code of each post-login binding, in flow order. */
export function boundActionCodes(bindings: readonly BindingInfo[]): { name: string; code: string }[] {
  return bindings.flatMap((b) => (b.action.deployedVersion ? [{ name: b.displayName, code: normalizeActionCode(b.action.deployedVersion.code) }] : []));
}

export interface TenantFacts {
  profile: 'enhanced' | 'legacy';
  bound: { name: string; code: string }[];
  readFile?: (path: string) => string;
}

/** undefined → the scenario can run; otherwise the reason shown in the report. */
export function realTenantSkipReason(scenario: Scenario, facts: TenantFacts): string | undefined {
  if (scenario.fault) {
    return `needs the emulator fault "${scenario.fault.kind}", which a real tenant cannot inject (run it with --mode emulator)`;
  }
  if ((scenario.fetch ?? []).length > 0) {
    return `answers its Action's fetch calls from the scenario's stubs; on a real tenant the Action calls the real services (run it with --mode emulator)`;
  }
  if (scenario.protections) {
    return `sets the emulator's login protections (${Object.keys(scenario.protections).join(', ')}); staging and intercept run with the tenant's own MFA, bot detection and brute-force settings, which the harness never changes (run it with --mode emulator)`;
  }
  const addonKeys = Object.keys(scenario.addon);
  if (addonKeys.length > 0) {
    return `overrides the SAML addon (${addonKeys.join(', ')}); staging and intercept test the tenant's own addon, which the harness never changes`;
  }
  if (scenario.profile !== facts.profile) {
    return `targets the ${scenario.profile} Flex profile; flex.profile in flex-sso.config.yaml is ${facts.profile}`;
  }
  const read = facts.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  let code: string;
  try {
    code = normalizeActionCode(read(scenario.actionFile));
  } catch (error) {
    return `its Action file ${scenario.actionFile} cannot be read: ${(error as Error).message}`;
  }
  if (!facts.bound.some((b) => b.code === code)) {
    const file = relative(process.cwd(), scenario.actionFile) || scenario.actionFile;
    const bound = facts.bound.length > 0 ? facts.bound.map((b) => b.name).join(', ') : 'none';
    return `its Action "${scenario.action}" is not deployed and bound to the tenant's Login flow (bound with a deployed version: ${bound}); deploy it with \`flex-sso deploy-action ${file.startsWith('..') ? relative(REPO_ROOT, scenario.actionFile) : file}\``;
  }
  return undefined;
}

/**
 * Shards run at the same time against one tenant: each shard gets its own users
 * (`local+s<i>@domain`), so no two runners reset the same user's password.
 */
export function shardEmail(email: string, shard: { index: number; total: number } | undefined): string {
  if (!shard || shard.total <= 1) return email;
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}+s${shard.index}${email.slice(at)}`;
}

/** The scenario as the real tenant runs it: its user's e-mail (and any expectation of it) per shard. */
export function withUserEmail(scenario: Scenario, email: string): Scenario {
  if (email === scenario.user.email) return scenario;
  const original = scenario.user.email.toLowerCase();
  const attributes = Object.fromEntries(
    Object.entries(scenario.expect.attributes).map(([name, value]) => [
      name,
      typeof value === 'string' ? (value.toLowerCase() === original ? email : value) : value.map((v) => (v.toLowerCase() === original ? email : v)),
    ]),
  );
  return { ...scenario, user: { ...scenario.user, email }, expect: { ...scenario.expect, attributes } };
}
