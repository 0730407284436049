// `flex-sso provision`: create or update the scenario users in an Auth0 tenant, idempotently,
// touching only users the harness owns; `--cleanup` deletes them; `--dry-run` only prints the plan.
import type { Command } from 'commander';
import { CliError, usageError } from '../errors.ts';
import { openAdminContext } from '../../auth0/cli-context.ts';
import { describeStep, desiredFromScenarios, planSummary, provisionUsers } from '../../auth0/provision.ts';
import { scenarioSourceFor } from '../../scenarios/default-source.ts';
import { formatScenarioError, loadScenarios, nothingMatched } from '../../scenarios/load.ts';
import type { Scenario } from '../../scenarios/schema.ts';

interface RawOptions {
  scenarios?: string;
  dryRun?: boolean;
  cleanup?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('provision')
    .description('Create or update the scenario users in the Auth0 tenant (only users the harness owns)')
    .option(
      '--scenarios <glob>',
      'scenario YAML files or scenario ids (default: the files `scenarios:` in the config names, relative to it, else the shipped scenarios)',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--cleanup', 'delete the owned users (of the selected scenarios with --scenarios, else all) instead')
    .option('--config <file>', 'configuration file (default flex-sso.config.yaml)')
    .addHelpText(
      'after',
      '\nEnvironment: AUTH0_DOMAIN, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET.\nExit codes: 0 done, 1 refused (a user the harness does not own), 2 usage or API error.',
    )
    .action(async (raw: RawOptions) => {
      await provision(raw);
    });
}

async function provision(raw: RawOptions): Promise<void> {
  const ctx = await openAdminContext({ ...(raw.config !== undefined ? { config: raw.config } : {}) });
  const { config } = ctx.loaded;
  // --cleanup without --scenarios removes every owned user: no scenario needs to load for that.
  const desired = raw.cleanup && raw.scenarios === undefined ? [] : desiredFromScenarios(selectScenarios(raw.scenarios, raw.config));
  ctx.progress(`listing users of ${ctx.domain}…`);
  const { plan } = await provisionUsers(ctx.admin, desired, {
    testUserDomain: config.auth0.testUserDomain,
    connection: config.auth0.connection,
    progress: ctx.progress,
    ...(raw.dryRun ? { dryRun: true } : {}),
    ...(raw.cleanup ? { cleanup: { all: raw.scenarios === undefined } } : {}),
  });
  const counts = planSummary(plan);
  const summary = `${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.delete} to delete`;
  if (raw.dryRun) {
    ctx.out(`Plan for ${ctx.domain} (dry run, nothing changed):`);
    for (const step of plan.steps) ctx.out(`  ${describeStep(step)}`);
    ctx.out(summary);
    return;
  }
  ctx.out(`Provisioned ${ctx.domain}: ${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ${counts.delete} deleted`);
}

function selectScenarios(selection: string | undefined, config: string | undefined): Scenario[] {
  const source = scenarioSourceFor(selection, config === undefined ? {} : { config });
  const loaded = loadScenarios(selection, { source });
  const none = nothingMatched(loaded.errors);
  if (none) throw usageError('NO_SCENARIOS', `no scenarios: ${formatScenarioError(none)}`, none.hint);
  if (loaded.errors.length > 0) {
    throw new CliError(
      'SCENARIOS_INVALID',
      `cannot load the scenarios:\n${loaded.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}`,
      'Fix the scenario files, or select others with --scenarios.',
    );
  }
  return loaded.scenarios;
}
