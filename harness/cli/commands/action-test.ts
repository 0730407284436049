// `flex-sso action-test`: run a post-login Action offline against a user and print the SAML
// attributes it would emit, or its deny/error — the fastest way to debug a missing attribute.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { EXIT, usageError } from '../errors.ts';
import { parseIsoDate, parsePositiveInt } from '../options.ts';
import { formatText, toJson } from '../../action-test/format.ts';
import { testAction, type ActionTestResult } from '../../action-test/run.ts';
import { readUserFile, userFromJson, UserInputError, usersFromScenarios, type TestUser } from '../../action-test/users.ts';
import { parseDependencies } from './deploy-action.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import { colourEnabled, paint } from '../../text/colour.ts';

interface RawOptions {
  user?: string;
  tenantUser?: string;
  /** true: `--scenarios` without a value (the default scenario files). */
  scenarios?: string | true;
  config?: string;
  json?: boolean;
  now?: string;
  timeout?: string;
  dependency?: string[];
}

const MAX_ACTION_BYTES = 100 * 1024; // Auth0's limit on an Action's code size

export function register(program: Command): void {
  program
    .command('action-test')
    .description('Run a post-login Action offline against a user and print the SAML attributes it would emit')
    .argument(
      '[action-file]',
      "the Action's JavaScript (exports.onExecutePostLogin = async (event, api) => …); omitted with --scenarios: each scenario runs its own Action",
    )
    .option('--user <file>', 'an Auth0 user as JSON ("-" reads stdin); missing fields get Auth0 defaults (name = email)')
    .option(
      '--tenant-user <email>',
      'read that user (profile, metadata, RBAC roles) from the configured tenant, read-only, and run the Action on it (AUTH0_DOMAIN and the management pair)',
    )
    .option(
      '--scenarios [glob]',
      'run against the user of every scenario the glob selects (YAML files, or scenario ids such as "pattern-a-*"; without a value: the files `scenarios:` in the config names, else the shipped scenarios), and compare each scenario of this Action with its expect',
    )
    .option('--config <file>', 'flex-sso.config.yaml: its `scenarios:`, and the tenant of --tenant-user (default: ./flex-sso.config.yaml if present)')
    .option(
      '--dependency <name@version>',
      "an npm package the Action requires, loaded from .flex-sso/action-deps (repeat for each; with --scenarios, each scenario's dependencies are used)",
      (value: string, list: string[] = []) => [...list, value],
    )
    .option('--json', 'print JSON')
    .option('--now <iso>', 'clock for the login (default: now)')
    .option('--timeout <ms>', 'wall-clock limit for the Action (default 20000, as Auth0)')
    .addHelpText(
      'after',
      "\nThe response Auth0 would build from the run is judged by the fake SP's checks (Flex's required attributes and roles);\n" +
        'with --scenarios, each scenario of this Action is compared with its expect (a dry matrix, no browser).\n' +
        'Exit codes: 0 Flex accepts every login / every scenario as expected, 1 a rejection, deny, error or mismatch, 2 usage error.\n' +
        "Examples:\n  flex-sso action-test --scenarios                        # every scenario (the config's scenarios:) with its own Action\n" +
        '  flex-sso action-test --scenarios "scenarios/*.yaml"      # the scenarios of these files\n' +
        '  flex-sso action-test scenarios/actions/pattern-a.js --scenarios scenarios/pattern-a.yaml\n' +
        '  flex-sso action-test scenarios/actions/pattern-a.js --tenant-user jane@example.com\n' +
        '  echo \'{"email":"jane@example.com","name":"Jane","app_metadata":{"flex":{"roles":["agent"]}}}\' | flex-sso action-test scenarios/actions/pattern-b.js --user -',
    )
    .action(async (actionFile: string | undefined, raw: RawOptions) => {
      await actionTest(actionFile, raw);
    });
}

async function actionTest(actionFile: string | undefined, raw: RawOptions): Promise<void> {
  if (actionFile === undefined && raw.scenarios === undefined) {
    throw usageError(
      'ACTION_FILE_MISSING',
      'No Action file: give one, or --scenarios [GLOB] to run each scenario with its own Action.',
      "E.g. flex-sso action-test scenarios/actions/pattern-a.js --user jane.json, or flex-sso action-test --scenarios (the config's scenarios).",
    );
  }
  const inputs = [raw.user, raw.tenantUser, raw.scenarios].filter((v) => v !== undefined).length;
  if (inputs > 1) {
    throw usageError('OPTION_CONFLICT', 'Give one of --user, --tenant-user or --scenarios, not several.', 'Run once per input.');
  }
  if (inputs === 0) {
    throw usageError(
      'USER_MISSING',
      'No user to run the Action for: --user FILE, --tenant-user EMAIL or --scenarios GLOB is required.',
      'E.g. flex-sso action-test scenarios/actions/pattern-a.js --user jane.json (or --user - to read stdin).',
    );
  }
  const now = raw.now === undefined ? new Date() : parseIsoDate(raw.now, '--now');
  const timeoutMs = raw.timeout === undefined ? undefined : parsePositiveInt(raw.timeout, '--timeout');
  const code = actionFile === undefined ? undefined : readAction(actionFile);
  const dependencies = parseDependencies(raw.dependency);
  const users = (await loadUsers(raw)).map((user) => (dependencies.length && !user.dependencies ? { ...user, dependencies } : user));
  const options = { now, ...(timeoutMs ? { timeoutMs } : {}) };
  const results: ActionTestResult[] = [];
  if (actionFile !== undefined && code !== undefined) results.push(...(await testAction(actionFile, code, users, options)));
  else {
    // The dry matrix: every scenario with its own Action, one Action file after the other.
    for (const [file, group] of groupByAction(users)) results.push(...(await testAction(file, readAction(file), group, options)));
  }
  // The text form quotes what the Action emitted and logged: control and bidi characters escaped.
  process.stdout.write(
    raw.json
      ? `${JSON.stringify(toJson(actionFile, results), null, 2)}\n`
      : paint(terminalSafe(formatText(results), { multiline: true }), colourEnabled(process.stdout)),
  );
  if (!results.every((result) => result.passed)) process.exitCode = EXIT.failed;
}

function groupByAction(users: TestUser[]): Map<string, TestUser[]> {
  const groups = new Map<string, TestUser[]>();
  for (const user of users) {
    const file = user.scenario ? relative(process.cwd(), user.scenario.actionFile) || user.scenario.actionFile : '';
    groups.set(file, [...(groups.get(file) ?? []), user]);
  }
  return groups;
}

function readAction(file: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw usageError(
      'ACTION_FILE_UNREADABLE',
      `Cannot read the Action file ${file} (${reason}).`,
      "Pass the path of the Action's .js file, e.g. scenarios/actions/pattern-a.js.",
    );
  }
  if (buffer.length > MAX_ACTION_BYTES) {
    throw usageError(
      'ACTION_FILE_TOO_LARGE',
      `The Action file ${file} has ${buffer.length} bytes; Auth0 accepts at most ${MAX_ACTION_BYTES}.`,
      'Is this the right file?',
    );
  }
  return buffer.toString('utf8');
}

async function loadUsers(raw: RawOptions): Promise<TestUser[]> {
  try {
    if (raw.scenarios !== undefined) {
      const selection = raw.scenarios === true ? undefined : raw.scenarios;
      const { scenarioSourceFor } = await import('../../scenarios/default-source.ts');
      const source = scenarioSourceFor(selection, raw.config === undefined ? {} : { config: raw.config });
      return usersFromScenarios(selection, process.cwd(), source);
    }
    if (raw.tenantUser !== undefined) {
      const { userFromTenant } = await import('../../action-test/tenant-user.ts');
      return [
        await userFromTenant(raw.tenantUser, {
          progress: (line) => process.stderr.write(`${terminalSafe(line)}\n`),
          ...(raw.config === undefined ? {} : { config: raw.config }),
        }),
      ];
    }
    const file = raw.user as string;
    const text = file === '-' ? await readStdin() : readUserFile(file);
    return [userFromJson(text, file === '-' ? 'stdin' : file)];
  } catch (error) {
    if (error instanceof UserInputError) throw usageError(error.code, error.message, error.hint);
    throw error;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > 1024 * 1024) throw new UserInputError('USER_JSON', 'stdin: more than 1 MiB of input.', 'Pass a single user object.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
