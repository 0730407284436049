// `flex-sso deploy-action FILE`: create or update the post-login Action from FILE, deploy it, wait
// until it is live, and bind it to the Login flow keeping the other Actions and their order.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { DependencySpecError, MAX_ACTION_DEPENDENCIES, parseDependencySpec, type ActionDependency } from '../../../fake-idp/actions/dependencies.ts';
import { usageError } from '../errors.ts';
import { openAdminContext } from '../../auth0/cli-context.ts';
import { deployActionCode } from '../../auth0/deploy-action.ts';

interface RawOptions {
  name?: string;
  dryRun?: boolean;
  config?: string;
  timeout?: string;
  dependency?: string[];
}

/** Auth0 refuses Action code over 100 kB. */
const MAX_CODE_BYTES = 100 * 1024;

export function register(program: Command): void {
  program
    .command('deploy-action')
    .description('Create or update a post-login Action from FILE, deploy it and bind it to the Login flow')
    .argument('<file>', "the Action's JavaScript (exports.onExecutePostLogin = async (event, api) => …)")
    .option('--name <name>', 'Action name (default: the file name without extension)')
    .option('--dependency <name@version>', 'an npm package the Action requires (repeat for each; Auth0 allows 10)', (value: string, list: string[] = []) => [
      ...list,
      value,
    ])
    .option('--dry-run', 'print what would change and change nothing')
    .option('--timeout <seconds>', 'how long to wait for the build and the deployment (default 120)')
    .option('--config <file>', 'configuration file (default flex-sso.config.yaml)')
    .addHelpText(
      'after',
      '\nEnvironment: AUTH0_DOMAIN, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET.\nExit codes: 0 deployed, 1 build failed or timed out, 2 usage or API error.',
    )
    .action(async (file: string, raw: RawOptions) => {
      await deployAction(file, raw);
    });
}

export function readActionFile(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw usageError('ACTION_FILE', `FILE: no readable file at ${file}.`, "Pass the path of the Action's .js file, e.g. scenarios/actions/pattern-a.js.");
  }
  if (size > MAX_CODE_BYTES)
    throw usageError(
      'ACTION_FILE',
      `FILE: ${file} is ${size} bytes; Auth0 accepts at most ${MAX_CODE_BYTES}.`,
      'Move helper code into an npm dependency or shrink the Action.',
    );
  const code = readFileSync(file, 'utf8');
  if (!/onExecutePostLogin/.test(code)) {
    throw usageError(
      'ACTION_FILE',
      `FILE: ${file} does not define exports.onExecutePostLogin.`,
      'A post-login Action must export `exports.onExecutePostLogin = async (event, api) => { … }`.',
    );
  }
  return code;
}

/** `--dependency` values as Auth0's `dependencies` body; a bad spec is a usage error naming it. */
export function parseDependencies(specs: readonly string[] | undefined): ActionDependency[] {
  const list = (specs ?? []).map((spec) => {
    try {
      return parseDependencySpec(spec);
    } catch (error) {
      if (error instanceof DependencySpecError) throw usageError(error.code, `--dependency: ${error.message}.`, error.hint);
      throw error;
    }
  });
  if (list.length > MAX_ACTION_DEPENDENCIES) {
    throw usageError(
      'ACTION_DEPENDENCY_INVALID',
      `--dependency: ${list.length} given; Auth0 allows at most ${MAX_ACTION_DEPENDENCIES} npm modules per Action.`,
      'Drop the ones the Action does not require.',
    );
  }
  const names = list.map((d) => d.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw usageError('ACTION_DEPENDENCY_INVALID', `--dependency: ${twice} is given twice.`, 'Give each package once, with the version to install.');
  return list;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usageError('OPTION_INT', `--timeout: expected a number of seconds ≥ 1, received "${value}".`);
  return Number(value) * 1000;
}

async function deployAction(file: string, raw: RawOptions): Promise<void> {
  const code = readActionFile(file);
  const name = raw.name ?? basename(file, extname(file));
  if (!name.trim()) throw usageError('OPTION_NAME', '--name: expected a non-empty Action name.');
  const timeoutMs = parseTimeout(raw.timeout);
  const dependencies = parseDependencies(raw.dependency);
  const ctx = await openAdminContext({ ...(raw.config !== undefined ? { config: raw.config } : {}) });
  const result = await deployActionCode(ctx.admin, {
    name,
    code,
    dependencies,
    progress: ctx.progress,
    ...(raw.dryRun ? { dryRun: true } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  if (result.dryRun) {
    ctx.out(`Dry run: nothing changed on ${ctx.domain}.`);
    return;
  }
  const what = result.created ? 'created and deployed' : result.deployed ? 'updated and deployed' : 'already up to date';
  ctx.out(
    `Action "${name}" (${result.actionId}) ${what}${result.version !== undefined ? `, version ${result.version}` : ''}; post-login binding ${result.binding === 'keep' ? 'kept' : 'added'} at position ${result.position}.`,
  );
}
