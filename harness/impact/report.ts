// What `flex-sso impact` prints and writes: the summary, per-attribute change counts, counts by
// team and program, the users grouped by change pattern (text and HTML), and the JSON of issue 22:
// { usersChecked, summary: { unchanged, changed, newlyRejected, newlyAccepted, errors }, users: [ {
// email, userId, before, after, changes } ] } — `users` holds every user whose result changed
// (errors included). Without a baseline the summary is the candidate's verdicts instead.
import { escapeHtml as e } from '../../flex/html.ts';
import { showValue } from './compare.ts';
import { sortedCounts, type ImpactTally } from './summary.ts';
import type { LoginResult, UserImpact } from './types.ts';

export interface ReportContext {
  candidate: string;
  /** "deployed (tenant …)", a file name, or null for the candidate alone. */
  baseline: string | null;
  interrupted: boolean;
  /** How many users each group lists in text output (all in HTML and JSON). */
  listLimit?: number;
}

export function toJson(tally: ImpactTally, ctx: ReportContext): unknown {
  const users = tally.sortedUsers().map((u) => ({ email: u.email, userId: u.userId, before: u.before, after: u.after, changes: u.changes }));
  if (ctx.baseline === null) {
    const { valid, rejected, denied, error } = tally.verdicts;
    return { usersChecked: tally.usersChecked, summary: { valid, rejected, denied, errors: error }, users, ...(ctx.interrupted ? { interrupted: true } : {}) };
  }
  return { usersChecked: tally.usersChecked, summary: { ...tally.summary }, users, ...(ctx.interrupted ? { interrupted: true } : {}) };
}

const n = (count: number): string => count.toLocaleString('en-US');
const plural = (count: number, one: string): string => `${n(count)} ${one}${count === 1 ? '' : 's'}`;

export function verdictText(r: LoginResult | null): string {
  if (r === null) return '—';
  if (r.verdict === 'valid') return 'valid';
  if (r.verdict === 'rejected') return `rejected (${r.codes.join(', ')})`;
  return `${r.verdict}: ${r.reason ?? r.codes.join(', ')}`;
}

export function formatText(tally: ImpactTally, ctx: ReportContext): string {
  const lines: string[] = [];
  const limit = ctx.listLimit ?? 20;
  lines.push(`Candidate ${ctx.candidate} ${ctx.baseline === null ? '(no baseline: the candidate alone)' : `vs ${ctx.baseline}`}`);
  if (ctx.interrupted) lines.push(`INTERRUPTED: partial report, only the ${n(tally.usersChecked)} users checked before Ctrl+C are counted.`);
  lines.push('');
  if (ctx.baseline === null) {
    const v = tally.verdicts;
    lines.push(
      `${plural(tally.usersChecked, 'user')} checked: ${n(v.valid)} valid, ${n(v.rejected)} rejected by Flex, ${n(v.denied)} denied by an Action, ${n(v.error)} Action errors`,
    );
  } else {
    const s = tally.summary;
    lines.push(
      `${plural(tally.usersChecked, 'user')} checked: ${n(s.unchanged)} unchanged, ${n(s.changed)} changed (${n(s.newlyRejected)} newly rejected, ${n(s.newlyAccepted)} newly accepted), ${n(s.errors)} errors`,
    );
  }
  const changes = sortedCounts(tally.attributeChanges);
  if (changes.length) {
    lines.push('', 'Attribute changes');
    for (const [change, count] of changes) lines.push(`  ${change}: ${plural(count, 'user')}`);
  }
  if (tally.users.length) {
    for (const [title, map] of [
      ['By team', tally.byTeam],
      ['By program', tally.byProgram],
    ] as const) {
      lines.push('', `${title} (${ctx.baseline === null ? 'users not accepted' : 'changed users'})`);
      for (const [key, count] of sortedCounts(map)) lines.push(`  ${key}: ${n(count)}`);
    }
    lines.push('', ctx.baseline === null ? 'Users Flex would not accept, by outcome' : 'Users by change pattern');
    for (const group of tally.groups()) {
      lines.push(`  [${n(group.users.length)}] ${group.pattern}`);
      for (const user of group.users.slice(0, limit)) lines.push(`      ${user.email || '(no email)'}  ${user.userId}`);
      if (group.users.length > limit) lines.push(`      … and ${n(group.users.length - limit)} more (--json or --out for all)`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatHtml(tally: ImpactTally, ctx: ReportContext): string {
  const text = formatText(tally, { ...ctx, listLimit: 0 }).split('\n\nUsers')[0] ?? '';
  const rows = (u: UserImpact) => {
    const change = u.changes.map((c) => `${e(c.attribute)}: ${e(showValue(c.before))} → ${e(showValue(c.after))}`).join('<br>');
    return `<tr><td>${e(u.email)}</td><td>${e(u.userId)}</td><td>${e(verdictText(u.before))}</td><td>${e(verdictText(u.after))}</td><td>${change}</td></tr>`;
  };
  const groups = tally
    .groups()
    .map(
      (g) => `<h3>${e(`[${n(g.users.length)}] ${g.pattern}`)}</h3>
<table><thead><tr><th>email</th><th>user id</th><th>before</th><th>after</th><th>changes</th></tr></thead><tbody>
${g.users.map(rows).join('\n')}
</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>flex-sso impact</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:system-ui,sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}</style>
</head><body>
<h1>flex-sso impact</h1>
<pre>${e(text)}</pre>
<h2>${ctx.baseline === null ? 'Users Flex would not accept' : 'Users whose login changes'}</h2>
${groups || '<p>None.</p>'}
</body></html>
`;
}
