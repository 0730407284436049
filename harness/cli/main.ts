// The `flex-sso` command line. Each command lives in its own module under ./commands.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.ts';
import { redactorFromEnv } from '../secrets/redact.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { colourEnabled, paint } from '../text/colour.ts';

type Register = (program: Command) => void;

// Loaded on demand: a command's module pulls in what it needs (Express, XML, zod, the Auth0 SDK…),
// a noticeable start-up cost each (BENCHMARKS.md); `flex-sso run` should not pay for `provision` before Playwright starts.
const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  'check-browser': () => import('./commands/check-browser.ts'),
  'action-test': () => import('./commands/action-test.ts'),
  run: () => import('./commands/run.ts'),
  decode: () => import('./commands/decode.ts'),
  init: () => import('./commands/init.ts'),
  serve: () => import('./commands/serve.ts'),
  provision: () => import('./commands/provision.ts'),
  'deploy-action': () => import('./commands/deploy-action.ts'),
  audit: () => import('./commands/audit.ts'),
  doctor: () => import('./commands/doctor.ts'),
  login: () => import('./commands/login.ts'),
  fidelity: () => import('./commands/fidelity.ts'),
  impact: () => import('./commands/impact.ts'),
};

/** The program with `only` registered (every command when it is not one of them: help, typos). */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('flex-sso')
    .description('SAML login test harness for Twilio Flex SSO with Auth0')
    .version('0.1.0')
    .option('--no-color', 'no colour in the output (also: NO_COLOR=1); colour is on only on a terminal')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  const modules = await Promise.all(names.map((name) => (COMMANDS[name] as () => Promise<{ register: Register }>)()));
  for (const { register } of modules) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function report(error: unknown): number {
  // Errors can quote request bodies, URLs or input values: nothing reaches the terminal unredacted,
  // nor with control or bidi characters (terminalSafe keeps only the line breaks of a multi-line list).
  const redact = (text: string): string => terminalSafe(redactorFromEnv().redact(text), { multiline: true });
  if (error instanceof CliError) {
    const colour = colourEnabled(process.stderr);
    process.stderr.write(paint(redact(`flex-sso: ${error.message} [${error.code}]\n`), colour));
    if (error.hint) process.stderr.write(paint(redact(`  fix: ${error.hint}\n`), colour));
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(redact(`flex-sso: unexpected error (please report it): ${detail}\n`));
  return EXIT.usage;
}

/**
 * `--no-color` anywhere on the line becomes NO_COLOR=1 for this process and the ones it starts
 * (Playwright's runner prints the matrix), whatever the command.
 */
function takeNoColor(argv: string[]): string[] {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (!options.includes('--no-color')) return argv;
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
  return [...options.filter((a) => a !== '--no-color'), ...(end === -1 ? [] : argv.slice(end))];
}

/** `flex-sso` alone: the usage on stderr and exit 2, as for any other usage error. */
async function usage(): Promise<number> {
  const program = await buildProgram();
  process.stderr.write(
    `${program.helpInformation()}\nflex-sso: no command given [NO_COMMAND]\n  fix: run \`flex-sso run\` for the scenario matrix, or \`flex-sso <command> --help\`\n`,
  );
  return EXIT.usage;
}

export async function main(rawArgv: string[]): Promise<number> {
  try {
    const argv = takeNoColor(rawArgv);
    if (argv.length === 0) return await usage();
    const program = await buildProgram(argv[0]);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
