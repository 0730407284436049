// `flex-sso impact`: every user (of the tenant, or of a file) through the changed post-login Action,
// offline, before it is deployed — who gets different Flex attributes, who is newly locked out.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usageError } from '../errors.ts';
import { parseIsoDate, parsePositiveInt } from '../options.ts';
import { prepareOutDir } from '../out-dir.ts';
import { runImpactCommand, type ImpactCommandOptions } from '../../impact/command.ts';

interface RawOptions {
  replace?: string;
  baseline?: string;
  users?: string;
  pattern?: string;
  json?: boolean;
  out?: string;
  failOn?: string;
  concurrency?: string;
  now?: string;
  timeout?: string;
}

const MAX_ACTION_BYTES = 100 * 1024; // Auth0's limit on an Action's code size

export function register(program: Command): void {
  program
    .command('impact')
    .description('Run every user through a changed post-login Action, offline, and report whose Flex login changes')
    .argument('<candidate>', "the changed Action's JavaScript file")
    .option('--replace <name>', "the bound Action the candidate replaces (default: the one with the candidate's file name, else the only one)")
    .option(
      '--baseline <deployed|file>',
      'compare with the post-login Actions bound now ("deployed", the default with --users tenant) or with another Action file',
    )
    .option(
      '--users <tenant|file>',
      'every user of the tenant (default; read-only: paged, or the users-export job past 1,000 users), or a JSON array / JSON lines file of Auth0 users (gzipped or not)',
    )
    .option('--pattern <A|B>', 'A (multi-program, default): counts by team and program; B (isolated org): no team/program counts')
    .option('--json', 'print the result as JSON on stdout')
    .option('--out <dir>', 'write impact.html and impact.json there')
    .option('--fail-on <rejected|change>', 'exit 1 when a user is newly rejected (default) or when anything changed; errors always fail')
    .option('--concurrency <n>', 'Action worker threads (default: the number of CPUs)')
    .option('--now <iso>', 'clock for the logins (default: now)')
    .option('--timeout <ms>', "wall-clock limit for one login's Actions (default 20000, as Auth0)")
    .addHelpText(
      'after',
      [
        '',
        'Each user logs in twice, offline, as the emulator would log them in to the SAML app (its addon mappings',
        "from the tenant, or Auth0's defaults): through the baseline chain and through the chain with the candidate,",
        "then the fake SP's Flex checks judge what Flex would read. A user is unchanged, changed (any difference in",
        'verdict or Flex attribute; newly rejected / newly accepted are among them) or an error (the candidate threw,',
        'timed out, or the record is not a usable user). With --users FILE and no --baseline the candidate is shown alone.',
        '',
        'Tenant access (AUTH0_DOMAIN, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET; AUTH0_SAML_CLIENT_ID for the addon)',
        'is read-only: GET requests, plus the OAuth token POST and, past 1,000 users, the users-export job POST. Scopes:',
        'read:users read:actions read:clients. --users FILE --baseline FILE.js needs no tenant.',
        '',
        'Exit codes: 0 no user newly rejected (with --fail-on change: nothing changed) and no error (candidate alone:',
        'Flex accepts every user), 1 otherwise,',
        '2 usage or configuration error (bad option, bad users file line, unknown --replace), 130 interrupted (Ctrl+C;',
        'the partial report is printed and says so).',
        'Example: flex-sso impact pattern-a.js --users users.jsonl --baseline scenarios/actions/pattern-a.js',
      ].join('\n'),
    )
    .action(async (candidate: string, raw: RawOptions) => {
      process.exitCode = await runImpactCommand(parseOptions(candidate, raw));
    });
}

function parseOptions(candidateFile: string, raw: RawOptions): ImpactCommandOptions {
  const failOn = raw.failOn ?? 'rejected';
  if (failOn !== 'rejected' && failOn !== 'change')
    throw usageError('BAD_FAIL_ON', `--fail-on: expected rejected or change, received "${failOn}".`, 'E.g. --fail-on change.');
  const pattern = (raw.pattern ?? 'A').toUpperCase();
  if (pattern !== 'A' && pattern !== 'B')
    throw usageError('BAD_PATTERN', `--pattern: expected A or B, received "${raw.pattern}".`, 'A = multi-program (team, program), B = isolated org.');
  const users = raw.users ?? 'tenant';
  if (raw.out !== undefined) prepareOutDir(raw.out, { name: '--out', code: 'BAD_OUT', what: 'the impact report', example: '--out reports' });
  const baseline = raw.baseline ?? (users === 'tenant' ? 'deployed' : null);
  return {
    candidateFile,
    candidateCode: readAction(candidateFile, 'the candidate'),
    ...(raw.replace !== undefined ? { replace: raw.replace } : {}),
    baseline:
      baseline === null ? null : baseline === 'deployed' ? { kind: 'deployed' } : { kind: 'file', file: baseline, code: readAction(baseline, '--baseline') },
    users,
    pattern,
    json: raw.json === true,
    ...(raw.out !== undefined ? { out: raw.out } : {}),
    failOn,
    concurrency: raw.concurrency === undefined ? undefined : parsePositiveInt(raw.concurrency, '--concurrency'),
    now: raw.now === undefined ? new Date() : parseIsoDate(raw.now, '--now'),
    ...(raw.timeout !== undefined ? { timeoutMs: parsePositiveInt(raw.timeout, '--timeout') } : {}),
  };
}

function readAction(file: string, what: string): string {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw usageError(
      'ACTION_FILE_UNREADABLE',
      `Cannot read ${what} Action file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      "Pass the path of the Action's .js file.",
    );
  }
  if (buffer.length > MAX_ACTION_BYTES)
    throw usageError(
      'ACTION_FILE_TOO_LARGE',
      `${what} Action file ${file} has ${buffer.length} bytes; Auth0 accepts at most ${MAX_ACTION_BYTES}.`,
      'Is this the right file?',
    );
  return buffer.toString('utf8');
}
