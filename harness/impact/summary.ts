// Aggregates users' impacts as they finish: the counts, "roles: supervisor → agent: 41 users",
// counts by team and program, users grouped by change pattern. Only users whose result changed (or
// errored) are kept, so memory grows with the change, not with the tenant.
import { showValue } from './compare.ts';
import type { ImpactSummary, UserImpact, Verdict } from './types.ts';

export interface PatternGroup {
  pattern: string;
  users: UserImpact[];
}

export class ImpactTally {
  usersChecked = 0;
  readonly summary: ImpactSummary = { unchanged: 0, changed: 0, newlyRejected: 0, newlyAccepted: 0, errors: 0 };
  /** Candidate alone (no baseline): how many users get each verdict. */
  readonly verdicts: Record<Verdict, number> = { valid: 0, rejected: 0, denied: 0, error: 0 };
  /** "roles: supervisor → agent" → users. */
  readonly attributeChanges = new Map<string, number>();
  readonly byTeam = new Map<string, number>();
  readonly byProgram = new Map<string, number>();
  private readonly patterns = new Map<string, UserImpact[]>();
  readonly users: UserImpact[] = [];

  constructor(readonly withBaseline: boolean) {}

  add(impact: UserImpact): void {
    this.usersChecked += 1;
    this.verdicts[impact.after.verdict] += 1;
    if (impact.classification === 'unchanged') this.summary.unchanged += 1;
    else if (impact.classification === 'error') this.summary.errors += 1;
    else {
      this.summary.changed += 1;
      if (impact.newlyRejected) this.summary.newlyRejected += 1;
      if (impact.newlyAccepted) this.summary.newlyAccepted += 1;
      for (const change of impact.changes) bump(this.attributeChanges, `${change.attribute}: ${showValue(change.before)} → ${showValue(change.after)}`);
    }
    // Kept for the report: every user whose result changed; with no baseline, every user Flex would not accept.
    const keep = impact.classification !== 'unchanged' || (!this.withBaseline && impact.after.verdict !== 'valid');
    if (!keep) return;
    bump(this.byTeam, impact.team ?? '(no team)');
    bump(this.byProgram, impact.program ?? '(no program)');
    this.users.push(impact);
    const key = patternOf(impact);
    const group = this.patterns.get(key);
    if (group) group.push(impact);
    else this.patterns.set(key, [impact]);
  }

  /** Largest group first; ties by pattern text, so output is stable whatever order workers finish in. */
  groups(): PatternGroup[] {
    return [...this.patterns]
      .map(([pattern, users]) => ({ pattern, users: [...users].sort(byEmail) }))
      .sort((a, b) => b.users.length - a.users.length || (a.pattern < b.pattern ? -1 : 1));
  }

  sortedUsers(): UserImpact[] {
    return [...this.users].sort(byEmail);
  }
}

function byEmail(a: UserImpact, b: UserImpact): number {
  return a.email < b.email ? -1 : a.email > b.email ? 1 : a.userId < b.userId ? -1 : 1;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** One line saying what happened to a user: the verdict move, then each attribute change. */
export function patternOf(impact: UserImpact): string {
  const verdict = (r: UserImpact['after'] | null): string =>
    r === null ? '' : r.verdict === 'valid' ? 'valid' : `${r.verdict} (${r.codes.join(', ')}${r.reason && r.verdict !== 'rejected' ? `: ${r.reason}` : ''})`;
  const head = impact.before === null ? verdict(impact.after) : `${verdict(impact.before)} → ${verdict(impact.after)}`;
  const changes = impact.changes.map((c) => `${c.attribute}: ${showValue(c.before)} → ${showValue(c.after)}`);
  return changes.length ? `${head}; ${changes.join('; ')}` : head;
}

export function sortedCounts(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
