// The `flex-sso impact` run: where the users and the chains come from (tenant or files), the run
// with progress and Ctrl+C, the output and the exit code.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionToRun } from '../../fake-idp/actions/runner.ts';
import type { SamlpAddon } from '../../fake-idp/tenant/types.ts';
import { apiError } from '../auth0/api-error.ts';
import { openAdminContext, type AdminContext } from '../auth0/cli-context.ts';
import { CliError, EXIT, usageError } from '../cli/errors.ts';
import { redactorFromEnv, type Redactor } from '../secrets/redact.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { actionFromFile, deployedChain, replaceInChain } from './chains.ts';
import type { LoginTarget } from './evaluate.ts';
import { Progress } from './progress.ts';
import { formatHtml, formatText, toJson, type ReportContext } from './report.ts';
import { runImpact } from './run.ts';
import { tenantUsers, type TenantRead } from './tenant-users.ts';
import { timedSource, type SourceTiming } from './timed-source.ts';
import { openUsersFile, readUserRecords, UsersInputError, type UserRecord } from './user-records.ts';

export interface ImpactCommandOptions {
  candidateFile: string;
  candidateCode: string;
  replace?: string;
  baseline: null | { kind: 'deployed' } | { kind: 'file'; file: string; code: string };
  /** 'tenant' or a file path. */
  users: string;
  pattern: 'A' | 'B';
  json: boolean;
  out?: string;
  failOn: 'rejected' | 'change';
  concurrency?: number;
  now: Date;
  timeoutMs?: number;
}

/** Test seam (env, so it reaches the CLI child process): lowers Auth0's 1,000-result paging cap. */
const PAGING_LIMIT_ENV = 'FLEX_SSO_IMPACT_PAGING_LIMIT';
const INTERRUPTED = 130;

export async function runImpactCommand(opts: ImpactCommandOptions): Promise<number> {
  if (opts.replace !== undefined && opts.baseline?.kind !== 'deployed') {
    throw usageError(
      'REPLACE_WITHOUT_DEPLOYED',
      '--replace only applies to --baseline deployed (the bound Actions).',
      'Drop --replace, or compare with the deployed Actions.',
    );
  }
  const needsTenant = opts.users === 'tenant' || opts.baseline?.kind === 'deployed';
  const ctx = needsTenant ? await openAdminContext({}) : undefined;
  const redactor = ctx?.redactor ?? redactorFromEnv(process.env);
  const progressLine = (line: string) => process.stderr.write(`${terminalSafe(redactor.redact(line))}\n`);
  const call = <T>(what: string, fn: () => Promise<T>) =>
    fn().catch((error: unknown) => {
      throw ctx ? apiError(error, what, redactor, ctx.domain) : error;
    });

  const candidate = actionFromFile(opts.candidateFile, opts.candidateCode);
  let baseline: ActionToRun[] | null = null;
  let candidateChain: ActionToRun[] = [candidate];
  let baselineLabel: string | null = null;
  if (opts.baseline?.kind === 'file') {
    baseline = [actionFromFile(opts.baseline.file, opts.baseline.code, 'baseline')];
    baselineLabel = opts.baseline.file;
  } else if (opts.baseline?.kind === 'deployed' && ctx) {
    baseline = await call('read the post-login bindings', () => deployedChain(ctx.admin));
    candidateChain = replaceInChain(baseline, candidate, opts.replace);
    baselineLabel = `the deployed post-login Actions (${baseline.map((a) => a.name).join(' → ') || 'none bound'})`;
  }
  const target = ctx ? await tenantTarget(ctx, call) : offlineTarget();

  const controller = new AbortController();
  const onSigint = () => {
    progressLine('Ctrl+C: stopping the workers; the report covers the users checked so far.');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const read: TenantRead = { method: 'pages', requests: 0 };
  const source: { total?: number; fraction?: () => number | undefined } = {};
  const users =
    ctx && opts.users === 'tenant'
      ? timedTenantUsers(ctx, redactor, read, source, progressLine)
      : await fileUsers(opts.users, source).catch((error: unknown) => {
          throw usersError(error, redactor);
        });
  const progress = new Progress((t) => process.stderr.write(t), process.stderr.isTTY === true, source);

  let result;
  try {
    result = await runImpact({
      baseline,
      candidate: candidateChain,
      users,
      target,
      now: opts.now,
      concurrency: opts.concurrency ?? Math.max(1, availableParallelism()),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      signal: controller.signal,
      onUser: (checked) => progress.update(checked),
    });
  } catch (error) {
    if (error instanceof UsersInputError) throw usersError(error, redactor);
    if (error instanceof CliError) throw error;
    if ((error as { code?: unknown }).code === 'Z_DATA_ERROR' || (error as { code?: unknown }).code === 'Z_BUF_ERROR') {
      throw usageError('USERS_FILE_GZIP', `${opts.users}: the gzipped data is corrupt or truncated.`, 'Download the export again.');
    }
    if (ctx && typeof (error as { statusCode?: unknown }).statusCode === 'number') throw apiError(error, 'read the users', redactor, ctx.domain);
    throw error;
  } finally {
    progress.done();
    process.removeListener('SIGINT', onSigint);
  }

  const report: ReportContext = { candidate: opts.candidateFile, baseline: baselineLabel, interrupted: result.interrupted };
  if (opts.pattern === 'B') {
    result.tally.byTeam.clear();
    result.tally.byProgram.clear();
  }
  const json = redactor.redact(JSON.stringify(toJson(result.tally, report), null, 2));
  if (opts.out !== undefined) writeReports(opts.out, redactor.redact(formatHtml(result.tally, report)), json);
  process.stdout.write(opts.json ? `${json}\n` : terminalSafe(redactor.redact(formatText(result.tally, report)), { multiline: true }));
  if (result.interrupted) return INTERRUPTED;
  const t = result.tally;
  if (baseline === null) return t.verdicts.rejected + t.verdicts.denied + t.verdicts.error > 0 ? EXIT.failed : EXIT.ok;
  const failed = t.summary.errors > 0 || (opts.failOn === 'change' ? t.summary.changed > 0 : t.summary.newlyRejected > 0);
  return failed ? EXIT.failed : EXIT.ok;
}

function usersError(error: unknown, redactor: Redactor): unknown {
  return error instanceof UsersInputError ? new CliError(error.code, redactor.redact(error.message), error.hint, EXIT.usage) : error;
}

async function* timedTenantUsers(
  ctx: AdminContext,
  redactor: Redactor,
  read: TenantRead,
  source: { total?: number },
  line: (text: string) => void,
): AsyncGenerator<UserRecord> {
  const { createManagementClient } = await import('../auth0/management.ts');
  const env = ctx.loaded.env;
  const client = createManagementClient({
    domain: ctx.domain,
    clientId: env.mgmtClientId ?? '',
    clientSecret: env.mgmtClientSecret ?? '',
    redactor,
    onProgress: line,
  });
  const limit = process.env[PAGING_LIMIT_ENV] !== undefined ? Number(process.env[PAGING_LIMIT_ENV]) : undefined;
  // The time the run waited on the tenant: reading overlaps the Action runs (./timed-source.ts).
  const timing: SourceTiming = { waitedMs: 0, count: 0 };
  const users = tenantUsers(
    client,
    {
      ...(limit && limit > 0 ? { pagingLimit: limit } : {}),
      onProgress: line,
      onTotal: (total) => {
        source.total = total;
      },
    },
    read,
  );
  yield* timedSource(users, timing);
  const seconds = (timing.waitedMs / 1000).toFixed(1);
  line(
    `tenant read: ${timing.count.toLocaleString('en-US')} users in ${seconds} s (${read.method === 'export' ? 'users-export job' : 'pages of 100'}, ${read.requests} API requests)`,
  );
}

async function fileUsers(path: string, source: { fraction?: () => number | undefined }): Promise<AsyncIterable<UserRecord>> {
  const file = await openUsersFile(path);
  source.fraction = () => (file.size > 0 ? file.bytesRead() / file.size : undefined);
  return readUserRecords(file.stream, path);
}

/** The SAML app the users log in to: AUTH0_SAML_CLIENT_ID's name and addon, else Auth0's defaults. */
async function tenantTarget(ctx: AdminContext, call: <T>(what: string, fn: () => Promise<T>) => Promise<T>): Promise<LoginTarget> {
  const tenantId = /^[a-z][a-z0-9-]*$/i.test(ctx.domain.split(/[.:]/)[0] ?? '') ? (ctx.domain.split(/[.:]/)[0] as string) : 'tenant';
  const clientId = ctx.loaded.env.samlClientId;
  if (!clientId) {
    ctx.progress("AUTH0_SAML_CLIENT_ID is not set: the SAML addon is taken as Auth0's defaults (no custom mappings).");
    return { clientId: 'flex-sso-impact', clientName: 'Twilio Flex', tenantIssuer: `urn:${ctx.domain}`, tenantId };
  }
  const app = await call(`read application ${clientId}`, () => ctx.admin.getClient(clientId));
  return { clientId, clientName: app.name, ...(app.samlp ? { addon: app.samlp as SamlpAddon } : {}), tenantIssuer: `urn:${ctx.domain}`, tenantId };
}

function offlineTarget(): LoginTarget {
  return { clientId: 'flex-sso-impact', clientName: 'Twilio Flex', tenantIssuer: 'urn:flex-sso-impact.local', tenantId: 'flex-sso-impact' };
}

function writeReports(out: string, html: string, json: string): void {
  try {
    writeFileSync(join(out, 'impact.html'), html);
    writeFileSync(join(out, 'impact.json'), `${json}\n`);
  } catch (error) {
    throw new CliError(
      'BAD_OUT',
      `--out: cannot write the report to ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Pass a directory you can write to.',
      EXIT.usage,
    );
  }
}
