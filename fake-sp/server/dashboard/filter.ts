// The dashboard list filter, read from the query string (the filter form submits with GET, so a
// filtered view is a URL one can share). The same predicate decides which live events a page gets.
import type { LoginRecord } from '../../store/login-store.ts';

export interface DashboardFilter {
  /** Case-insensitive substring of the email or the NameID. */
  q?: string;
  verdict?: 'valid' | 'invalid';
  profile?: 'enhanced' | 'legacy';
}

export interface FilterProblem {
  code: string;
  message: string;
  hint: string;
}

const VERDICTS = ['valid', 'invalid'] as const;
const PROFILES = ['enhanced', 'legacy'] as const;
const MAX_Q = 256;

function one(query: Record<string, unknown>, name: string): string | FilterProblem | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    return { code: 'DASHBOARD_BAD_QUERY', message: `query "${name}": expected one value, received several`, hint: `pass ${name} once` };
  return value.trim() === '' ? undefined : value.trim();
}

function isProblem(value: unknown): value is FilterProblem {
  return typeof value === 'object' && value !== null;
}

/** A filter, or the problem with the query (unknown verdict/profile, repeated field, overlong text). */
export function parseFilter(query: Record<string, unknown>): DashboardFilter | FilterProblem {
  const q = one(query, 'q');
  const verdict = one(query, 'verdict');
  const profile = one(query, 'profile');
  for (const v of [q, verdict, profile]) if (isProblem(v)) return v;
  const filter: DashboardFilter = {};
  if (typeof q === 'string') {
    if (q.length > MAX_Q)
      return {
        code: 'DASHBOARD_BAD_QUERY',
        message: `query "q": expected at most ${MAX_Q} characters, received ${q.length}`,
        hint: 'search for part of an email address',
      };
    filter.q = q;
  }
  if (typeof verdict === 'string') {
    if (!(VERDICTS as readonly string[]).includes(verdict))
      return {
        code: 'DASHBOARD_BAD_VERDICT',
        message: `query "verdict": expected valid or invalid, received ${JSON.stringify(verdict)}`,
        hint: 'use verdict=valid, verdict=invalid or leave it out',
      };
    filter.verdict = verdict as DashboardFilter['verdict'];
  }
  if (typeof profile === 'string') {
    if (!(PROFILES as readonly string[]).includes(profile))
      return {
        code: 'DASHBOARD_BAD_PROFILE',
        message: `query "profile": expected enhanced or legacy, received ${JSON.stringify(profile)}`,
        hint: 'use profile=enhanced, profile=legacy or leave it out',
      };
    filter.profile = profile as DashboardFilter['profile'];
  }
  return filter;
}

export function isFilterProblem(value: DashboardFilter | FilterProblem): value is FilterProblem {
  return 'code' in value;
}

export function matchesFilter(record: LoginRecord, filter: DashboardFilter): boolean {
  if (filter.verdict !== undefined && record.verdict.valid !== (filter.verdict === 'valid')) return false;
  if (filter.profile !== undefined && record.profile !== filter.profile) return false;
  if (filter.q !== undefined) {
    const needle = filter.q.toLowerCase();
    const hay = [record.email, record.nameId, record.verdict.flex.full_name].filter((s): s is string => typeof s === 'string');
    if (!hay.some((s) => s.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/** The filter as a query string (`?q=…&verdict=…`), '' when empty. */
export function filterQuery(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'verdict', 'profile'] as const) {
    const value = filter[key];
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
