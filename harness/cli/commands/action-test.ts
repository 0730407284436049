// `flex-sso action-test`: run a post-login Action offline against a user and print the SAML
// attributes it would emit, or its deny/error — the fastest way to debug a missing attribute.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, usageError } from '../errors.ts';
import { parseIsoDate, parsePositiveInt } from '../options.ts';
import { formatText, toJson } from '../../action-test/format.ts';
import { testAction } from '../../action-test/run.ts';
import { readUserFile, userFromJson, UserInputError, usersFromScenarios, type TestUser } from '../../action-test/users.ts';
import { parseDependencies } from './deploy-action.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';

interface RawOptions { user?: string; scenarios?: string; json?: boolean; now?: string; timeout?: string; dependency?: string[] }

const MAX_ACTION_BYTES = 100 * 1024; // Auth0's limit on an Action's code size

export function register(program: Command): void {
  program
    .command('action-test')
    .description('Run a post-login Action offline against a user and print the SAML attributes it would emit')
    .argument('<action-file>', 'the Action\'s JavaScript (exports.onExecutePostLogin = async (event, api) => …)')
    .option('--user <file>', 'an Auth0 user as JSON ("-" reads stdin); missing fields get Auth0 defaults (name = email)')
    .option('--scenarios <glob>', 'run against the user: of every scenario YAML file matching the glob')
    .option('--dependency <name@version>', 'an npm package the Action requires, loaded from .flex-sso/action-deps (repeat for each; with --scenarios, each scenario\'s dependencies are used)', (value: string, list: string[] = []) => [...list, value])
    .option('--json', 'print JSON')
    .option('--now <iso>', 'clock for the login (default: now)')
    .option('--timeout <ms>', 'wall-clock limit for the Action (default 20000, as Auth0)')
    .addHelpText('after', '\nExit codes: 0 attributes emitted, 1 deny, error or no attribute, 2 usage error.\n'
      + 'Example: flex-sso action-test scenarios/actions/pattern-a.js --user jane.json')
    .action(async (actionFile: string, raw: RawOptions) => {
      await actionTest(actionFile, raw);
    });
}

async function actionTest(actionFile: string, raw: RawOptions): Promise<void> {
  if (raw.user !== undefined && raw.scenarios !== undefined) {
    throw usageError('OPTION_CONFLICT', 'Give either --user or --scenarios, not both.', 'Run once per input.');
  }
  if (raw.user === undefined && raw.scenarios === undefined) {
    throw usageError('USER_MISSING', 'No user to run the Action for: --user FILE or --scenarios GLOB is required.', 'E.g. flex-sso action-test scenarios/actions/pattern-a.js --user jane.json (or --user - to read stdin).');
  }
  const now = raw.now === undefined ? new Date() : parseIsoDate(raw.now, '--now');
  const timeoutMs = raw.timeout === undefined ? undefined : parsePositiveInt(raw.timeout, '--timeout');
  const code = readAction(actionFile);
  const dependencies = parseDependencies(raw.dependency);
  const users = (await loadUsers(raw)).map((user) => (dependencies.length && !user.dependencies ? { ...user, dependencies } : user));
  const results = await testAction(actionFile, code, users, { now, ...(timeoutMs ? { timeoutMs } : {}) });
  // The text form quotes what the Action emitted and logged: control and bidi characters escaped.
  process.stdout.write(raw.json ? `${JSON.stringify(toJson(actionFile, results), null, 2)}\n` : terminalSafe(formatText(actionFile, results), { multiline: true }));
  if (!results.every((result) => result.emitted)) process.exitCode = EXIT.failed;
}

function readAction(file: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw usageError('ACTION_FILE_UNREADABLE', `Cannot read the Action file ${file} (${reason}).`, 'Pass the path of the Action\'s .js file, e.g. scenarios/actions/pattern-a.js.');
  }
  if (buffer.length > MAX_ACTION_BYTES) {
    throw usageError('ACTION_FILE_TOO_LARGE', `The Action file ${file} has ${buffer.length} bytes; Auth0 accepts at most ${MAX_ACTION_BYTES}.`, 'Is this the right file?');
  }
  return buffer.toString('utf8');
}

async function loadUsers(raw: RawOptions): Promise<TestUser[]> {
  try {
    if (raw.scenarios !== undefined) return usersFromScenarios(raw.scenarios, process.cwd());
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
