// The `flex-sso` command line. Each command lives in its own module under ./commands.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.ts';
import { redactorFromEnv } from '../secrets/redact.ts';
import { terminalSafe } from '../text/terminal-safe.ts';

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
};

/** The program with `only` registered (every command when it is not one of them: help, typos). */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('flex-sso')
    .description('SAML login test harness for Twilio Flex SSO with Auth0')
    .version('0.1.0')
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
    process.stderr.write(redact(`flex-sso: ${error.message} [${error.code}]\n`));
    if (error.hint) process.stderr.write(redact(`  fix: ${error.hint}\n`));
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

export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv[0]);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
