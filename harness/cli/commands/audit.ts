// `flex-sso audit`: read-only check of every tenant user's Flex metadata; exit 1 on any error finding.
import type { Command } from 'commander';
import { EXIT, usageError } from '../errors.ts';
import { auditUsers, type AuditReport, type Pattern } from '../../auth0/audit.ts';
import { openAdminContext } from '../../auth0/cli-context.ts';
import { formatFindingsTable } from '../../auth0/findings-table.ts';
import { listAllUsers } from '../../auth0/list-users.ts';

interface RawOptions {
  pattern?: string;
  json?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('audit')
    .description("Check every tenant user's app_metadata against the Flex checklist (read-only)")
    .option('--pattern <A|B>', 'deployment pattern: A (multi-program, team + program required) or B (isolated org)')
    .option('--json', 'print JSON')
    .option('--config <file>', 'configuration file (default flex-sso.config.yaml)')
    .addHelpText(
      'after',
      '\nEnvironment: AUTH0_DOMAIN, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET.\nExit codes: 0 no error found, 1 error findings, 2 usage or API error.',
    )
    .action(async (raw: RawOptions) => {
      await audit(raw);
    });
}

function parsePattern(value: string | undefined): Pattern | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (upper === 'A' || upper === 'B') return upper;
  throw usageError(
    'OPTION_PATTERN',
    `--pattern: expected A or B, received "${value}".`,
    'Pattern A: one organisation with teams and programs; Pattern B: isolated organisations without teams.',
  );
}

export function formatAuditSummary(report: AuditReport, domain: string): string {
  const { errors, warnings, usersWithFindings } = report.summary;
  const codes = Object.entries(report.summary.byCode)
    .map(([c, n]) => `${c} ×${n}`)
    .join(', ');
  return `Audited ${report.usersChecked} user(s) of ${domain}${report.pattern ? ` (Pattern ${report.pattern})` : ''}: ${errors} error(s), ${warnings} warning(s) on ${usersWithFindings} user(s)${codes ? ` — ${codes}` : ''}.`;
}

async function audit(raw: RawOptions): Promise<void> {
  const pattern = parsePattern(raw.pattern);
  const ctx = await openAdminContext({ ...(raw.config !== undefined ? { config: raw.config } : {}) });
  const listed = await listAllUsers(ctx.admin, (n, total) => {
    if (!raw.json) ctx.progress(`  ${n}${total !== undefined ? `/${total}` : ''} users read`);
  });
  if (listed.truncated)
    ctx.progress('warning: more than 1000 users; Auth0 paging stops there, only the first 1000 were audited (use a user export job for the rest)');
  const report = auditUsers(listed.users, pattern ? { pattern } : {});
  if (raw.json) {
    ctx.json({ domain: ctx.domain, pages: listed.pages, truncated: listed.truncated, ...report });
  } else {
    const table = formatFindingsTable(
      report.findings.map((f) => ({ severity: f.severity, subject: f.email, code: f.code, message: f.message, fix: f.fix })),
      'USER',
    );
    if (table) ctx.out(table.trimEnd());
    ctx.out(formatAuditSummary(report, ctx.domain));
  }
  if (report.summary.errors > 0) process.exitCode = EXIT.failed;
}
