// Records come back from logins.jsonl, which the store checks only loosely (id, profile, verdict.valid,
// verdict.checks): fill what the pages read so a hand-edited or older record renders instead of 500ing.
import type { Verdict } from '../../pipeline/types.ts';
import type { LoginRecord } from '../../store/login-store.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function attributesOf(value: unknown): Record<string, string[]> {
  if (!isObject(value)) return {};
  const entries = Object.entries(value).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((v) => typeof v === 'string'));
  return Object.fromEntries(entries);
}

export function safeRecord(record: LoginRecord): LoginRecord {
  const v = record.verdict as Partial<Verdict> & Pick<Verdict, 'valid' | 'checks'>;
  const flex = isObject(v.flex) ? (v.flex as Verdict['flex']) : undefined;
  const verdict: Verdict = {
    ...v,
    checks: v.checks.filter(isObject),
    attributes: attributesOf(v.attributes),
    flex: {
      ...flex,
      roles: Array.isArray(flex?.roles) ? flex.roles.map(String) : [],
      insights: isObject(flex?.insights) ? flex.insights : {},
      other: isObject(flex?.other) ? flex.other : {},
    },
    warnings: Array.isArray(v.warnings) ? v.warnings.map(String) : [],
    facts: isObject(v.facts) ? v.facts : {},
    ...(typeof v.xml === 'string' ? { xml: v.xml } : { xml: undefined }),
  };
  return { ...record, roles: record.roles.map(String), verdict };
}
