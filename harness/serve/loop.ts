// What `flex-sso serve` adds for the login loop: `--env` export lines for the tenant commands,
// `--seed scenarios` (every scenario user ready to log in), and how to log in through these servers.
import type { RunningIdp } from '../../fake-idp/server.ts';
import type { RunningSp } from '../../fake-sp/server/start.ts';
import { usageError } from '../cli/errors.ts';
import { scenarioPassword, seedScenario } from '../run/seed.ts';
import { scenarioSourceFor } from '../scenarios/default-source.ts';
import { formatScenarioError, loadScenarios, nothingMatched } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/schema.ts';

/** POSIX shell single quotes: the value stays one word whatever it holds. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The variables every tenant command reads, pointing at this emulator (README "Real tenants"). */
export function envExports(idp: Pick<RunningIdp, 'domain' | 'defaultClientId' | 'managementClientId' | 'managementClientSecret' | 'caFile'>): string {
  const vars: [string, string | undefined][] = [
    ['AUTH0_DOMAIN', idp.domain],
    ['AUTH0_SAML_CLIENT_ID', idp.defaultClientId],
    ['AUTH0_MGMT_CLIENT_ID', idp.managementClientId],
    ['AUTH0_MGMT_CLIENT_SECRET', idp.managementClientSecret],
    ['NODE_EXTRA_CA_CERTS', idp.caFile],
  ];
  return `${vars
    .filter((v): v is [string, string] => v[1] !== undefined)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join('\n')}\n`;
}

/** `--seed scenarios` (the default scenario files) or `--seed GLOB`: the selection loadScenarios takes. */
export function seedSelection(value: string): string | undefined {
  return value === 'scenarios' ? undefined : value;
}

/**
 * Creates the user of every selected scenario (its password, or a generated one) with its Action and
 * addon. One Action is bound at a time: the last scenario's stays bound, and every `flex-sso login
 * --user` binds its own user's first.
 */
export function seedScenarioUsers(idp: RunningIdp, sp: RunningSp, selection: string | undefined): Scenario[] {
  // `scenarios`: those ./flex-sso.config.yaml's `scenarios:` names, else the shipped ones (default-source.ts).
  const loaded = loadScenarios(selection, { source: scenarioSourceFor(selection) });
  const none = nothingMatched(loaded.errors);
  if (none) throw usageError('NO_SCENARIOS', `--seed: no scenarios: ${formatScenarioError(none)}`, none.hint);
  if (loaded.errors.length > 0) {
    throw usageError(
      'SCENARIO_INVALID',
      `--seed: invalid scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`,
      'fix the scenario files listed above',
    );
  }
  const seen = new Set<string>();
  const seeded: Scenario[] = [];
  const cache = new Map<string, string>();
  for (const scenario of loaded.scenarios) {
    const email = scenario.user.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    const acsUrl = sp.acsUrls[scenario.profile];
    const audience = sp.audiences[scenario.profile];
    if (!acsUrl || !audience) continue;
    seedScenario(
      idp.tenant,
      { ...scenario, fault: undefined, protections: undefined },
      { clientId: idp.defaultClientId, acsUrl, audience, callbacks: scenario.profile === 'legacy' ? [acsUrl, audience] : [acsUrl] },
      cache,
      scenarioPassword(scenario),
    );
    seeded.push(scenario);
  }
  return seeded;
}

export function howToLogin(statePath: string, sp: Pick<RunningSp, 'url'>, idp: Pick<RunningIdp, 'samlUrl'>, example: string): string {
  return [
    'Log in through these servers (the login appears in the dashboard above):',
    `  flex-sso login --user ${example}${statePath === '.flex-sso/tenant.json' ? '' : ` --state ${statePath}`}      finds them through ${statePath}.serve.json`,
    `  FLEX_SSO_PASSWORD=… flex-sso login --user EMAIL --sp ${sp.url} --idp ${idp.samlUrl()}      any user that exists here`,
    '',
  ].join('\n');
}
