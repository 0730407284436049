// `audit`: every tenant user's Flex metadata against the checklist of the Auth0 configuration
// reference (roles present and valid, e-mail verified, Pattern A team/program, team spelling,
// supervisors with agents). Pure: users in, findings out.
import { didYouMean } from '../../flex/did-you-mean.ts';
import { FLEX_ROLES } from '../../flex/roles.ts';
import type { JsonObject, TenantUser } from './types.ts';

export type Severity = 'error' | 'warning';
export type Pattern = 'A' | 'B';

export interface AuditFinding {
  severity: Severity;
  email: string;
  code: string;
  message: string;
  fix: string;
  /** Team spellings grouped together (TEAM_NAME_VARIANT). */
  group?: { team: string; users: number }[];
}

export interface AuditReport {
  usersChecked: number;
  pattern?: Pattern;
  findings: AuditFinding[];
  summary: { errors: number; warnings: number; usersWithFindings: number; byCode: Record<string, number> };
}

const obj = (v: unknown): JsonObject | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined);
const quote = (v: unknown) => JSON.stringify(v);

interface FlexView {
  roles: string[];
  rolesOk: boolean;
  team?: string;
  program?: unknown;
}

/** Normalised team key: case and whitespace do not distinguish teams. */
export function teamKey(team: string): string {
  return team.trim().replace(/\s+/g, ' ').toLowerCase();
}

function checkRoles(user: TenantUser, findings: AuditFinding[]): FlexView {
  const flex = obj(user.app_metadata.flex);
  const raw = flex?.roles;
  const email = user.email;
  const teamRaw = flex?.team;
  const view: FlexView = { roles: [], rolesOk: false, ...(typeof teamRaw === 'string' ? { team: teamRaw } : {}), program: user.app_metadata.program };
  if (typeof teamRaw !== 'string' && teamRaw !== undefined && teamRaw !== null) {
    findings.push({
      severity: 'error',
      email,
      code: 'TEAM_NOT_STRING',
      message: `app_metadata.flex.team is ${quote(teamRaw)}, not a string`,
      fix: 'Set app_metadata.flex.team to the team name as a string, e.g. "RAMP".',
    });
  }
  if (raw === undefined || raw === null) {
    const where = flex ? 'app_metadata.flex.roles is missing' : 'app_metadata.flex is missing';
    findings.push({
      severity: 'error',
      email,
      code: 'ROLES_MISSING',
      message: `${where}: the Pattern A/B Actions fall back to "agent", the Twilio reference Action throws`,
      fix: 'Set app_metadata.flex.roles, e.g. {"flex": {"roles": ["agent"]}}, then have the user log in again.',
    });
    return view;
  }
  if (!Array.isArray(raw)) {
    const hint =
      typeof raw === 'string'
        ? ` — write ${quote(
            raw
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
          )}`
        : '';
    findings.push({
      severity: 'error',
      email,
      code: 'ROLES_NOT_ARRAY',
      message: `app_metadata.flex.roles is ${quote(raw)}, not an array (the Actions call roles.join)`,
      fix: `Make app_metadata.flex.roles an array of role names${hint}.`,
    });
    return view;
  }
  if (raw.length === 0) {
    findings.push({
      severity: 'error',
      email,
      code: 'ROLES_EMPTY',
      message: 'app_metadata.flex.roles is an empty array: Flex receives no role (error 45050)',
      fix: 'Put at least one role in app_metadata.flex.roles: admin, supervisor or agent.',
    });
    return view;
  }
  let ok = true;
  for (const role of raw) {
    if (typeof role === 'string' && (FLEX_ROLES as readonly string[]).includes(role)) {
      view.roles.push(role);
      continue;
    }
    ok = false;
    const guess = typeof role === 'string' ? didYouMean(role.trim(), FLEX_ROLES) : undefined;
    const fixed = raw.map((r) => (r === role && guess ? guess : r));
    findings.push({
      severity: 'error',
      email,
      code: 'ROLE_INVALID',
      message: `role ${quote(role)} is not a Flex role${guess ? ` — did you mean "${guess}"?` : ''} (valid: admin, supervisor, agent, wfo.*)`,
      fix: guess ? `Set app_metadata.flex.roles to ${quote(fixed)}, then have the user log in again.` : 'Replace it with admin, supervisor or agent.',
    });
  }
  view.rolesOk = ok;
  return view;
}

function canonicalSpelling(counts: Map<string, number>): string {
  return (
    [...counts.entries()].sort((a, b) => b[1] - a[1] || Number(a[0] !== a[0].trim()) - Number(b[0] !== b[0].trim()) || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
  );
}

function checkTeams(views: { user: TenantUser; view: FlexView }[], findings: AuditFinding[]): void {
  const groups = new Map<string, Map<string, number>>();
  for (const { view } of views) {
    if (view.team === undefined || view.team.trim() === '') continue;
    const spellings = groups.get(teamKey(view.team)) ?? new Map<string, number>();
    spellings.set(view.team, (spellings.get(view.team) ?? 0) + 1);
    groups.set(teamKey(view.team), spellings);
  }
  for (const { user, view } of views) {
    if (view.team === undefined) continue;
    const spellings = groups.get(teamKey(view.team));
    if (!spellings) continue;
    const canonical = canonicalSpelling(spellings);
    if (spellings.size > 1 && view.team !== canonical) {
      const group = [...spellings.entries()].map(([team, users]) => ({ team, users }));
      findings.push({
        severity: 'error',
        email: user.email,
        code: 'TEAM_NAME_VARIANT',
        message: `team ${quote(view.team)} differs from ${quote(canonical)} only by case or whitespace (spellings: ${group.map((g) => `${quote(g.team)} ×${g.users}`).join(', ')}); Flex team filtering is case-sensitive`,
        fix: `Set app_metadata.flex.team to ${quote(canonical)}.`,
        group,
      });
    } else if (spellings.size === 1 && view.team !== view.team.trim()) {
      findings.push({
        severity: 'warning',
        email: user.email,
        code: 'TEAM_WHITESPACE',
        message: `team ${quote(view.team)} has leading or trailing whitespace`,
        fix: `Set app_metadata.flex.team to ${quote(view.team.trim())}.`,
      });
    }
  }
  // Supervisors need at least one agent with exactly the same team.
  const agentTeams = new Set(views.filter(({ view }) => view.roles.includes('agent') && view.team !== undefined).map(({ view }) => view.team as string));
  const agentKeys = new Set([...agentTeams].map(teamKey));
  for (const { user, view } of views) {
    if (!view.roles.includes('supervisor') || view.team === undefined || view.team.trim() === '') continue;
    if (agentTeams.has(view.team)) continue;
    const near = agentKeys.has(teamKey(view.team));
    findings.push({
      severity: 'warning',
      email: user.email,
      code: 'SUPERVISOR_WITHOUT_AGENTS',
      message: `supervisor of team ${quote(view.team)} has no agent in exactly that team${near ? ' (agents exist under another spelling of it)' : ''}`,
      fix: near
        ? 'Make the team spelling identical on the supervisor and the agents.'
        : `Give at least one agent app_metadata.flex.team = ${quote(view.team)}, or correct the supervisor's team.`,
    });
  }
}

export function auditUsers(users: readonly TenantUser[], options: { pattern?: Pattern } = {}): AuditReport {
  const findings: AuditFinding[] = [];
  const views = users.map((user) => {
    const view = checkRoles(user, findings);
    if (!user.email_verified) {
      findings.push({
        severity: 'warning',
        email: user.email,
        code: 'EMAIL_NOT_VERIFIED',
        message: 'email_verified is false',
        fix: 'Verify the address (Auth0 → User Management → Users → the user → Send verification e-mail), or set email_verified to true for a directory-managed address.',
      });
    }
    if (options.pattern === 'A' && !view.roles.includes('admin')) {
      if (view.team === undefined || view.team.trim() === '') {
        findings.push({
          severity: 'error',
          email: user.email,
          code: 'TEAM_MISSING',
          message: 'Pattern A non-admin without app_metadata.flex.team: the user sees every team instead of their own',
          fix: "Set app_metadata.flex.team to the user's team (exact spelling, case-sensitive).",
        });
      }
      if (typeof view.program !== 'string' || view.program.trim() === '') {
        findings.push({
          severity: 'warning',
          email: user.email,
          code: 'PROGRAM_MISSING',
          message: 'Pattern A non-admin without app_metadata.program (usage tracking)',
          fix: 'Set app_metadata.program, e.g. {"program": "RAMP"}.',
        });
      }
    }
    return { user, view };
  });
  checkTeams(views, findings);
  const order = new Map(users.map((u, i) => [u.email, i]));
  findings.sort((a, b) => (order.get(a.email) ?? 0) - (order.get(b.email) ?? 0) || Number(a.severity === 'warning') - Number(b.severity === 'warning'));
  const byCode: Record<string, number> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return {
    usersChecked: users.length,
    ...(options.pattern ? { pattern: options.pattern } : {}),
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      usersWithFindings: new Set(findings.map((f) => f.email)).size,
      byCode,
    },
  };
}
