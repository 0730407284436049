// The `flex-sso` command line. Each command lives in its own module under ./commands.
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.ts';
import { redactorFromEnv } from '../secrets/redact.ts';
import { register as checkBrowser } from './commands/check-browser.ts';
import { register as actionTest } from './commands/action-test.ts';
import { register as run } from './commands/run.ts';
import { register as decode } from './commands/decode.ts';
import { register as init } from './commands/init.ts';
import { register as serve } from './commands/serve.ts';
import { register as provision } from './commands/provision.ts';
import { register as deployAction } from './commands/deploy-action.ts';
import { register as audit } from './commands/audit.ts';
import { register as doctor } from './commands/doctor.ts';
import { register as login } from './commands/login.ts';

const COMMANDS: ((program: Command) => void)[] = [
  checkBrowser,
  actionTest,
  run,
  decode,
  init,
  serve,
  provision,
  deployAction,
  audit,
  doctor,
  login,
];

export function buildProgram(): Command {
  const program = new Command('flex-sso')
    .description('SAML login test harness for Twilio Flex SSO with Auth0')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function report(error: unknown): number {
  // Errors can quote request bodies or URLs: nothing reaches the terminal unredacted.
  const redact = (text: string): string => redactorFromEnv().redact(text);
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
    const program = buildProgram();
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
