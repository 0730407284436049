// The two Flex SSO patterns the seeds describe, as data: which Flex attributes a login judged against
// a pattern should carry. Source: the seeds' Pattern A/B Actions (scenarios/actions/pattern-a.js,
// pattern-b.js) and the audit rules that check the same on tenant users (harness/auth0/audit.ts:
// TEAM_MISSING, PROGRAM_MISSING for Pattern A non-admins). Flex itself requires only email,
// full_name and roles (fake-sp/pipeline/flex-attributes.ts); team and program are the patterns' own.

export const FLEX_PATTERNS = ['A', 'B'] as const;
export type FlexPattern = (typeof FLEX_PATTERNS)[number];

const REQUIRED = ['email', 'full_name', 'roles'] as const;

export const PATTERN_ATTRIBUTES: Record<FlexPattern, { all: readonly string[]; nonAdmin: readonly string[]; summary: string }> = {
  A: { all: REQUIRED, nonAdmin: ['team', 'program'], summary: 'Pattern A (multi-program): a non-admin carries team and program' },
  B: { all: REQUIRED, nonAdmin: [], summary: "Pattern B (isolated org): Flex's required attributes" },
};

export function isFlexPattern(value: unknown): value is FlexPattern {
  return typeof value === 'string' && (FLEX_PATTERNS as readonly string[]).includes(value);
}

/** The Flex attributes a login with these roles should carry under the pattern. */
export function expectedAttributes(pattern: FlexPattern, roles: readonly string[]): string[] {
  const rule = PATTERN_ATTRIBUTES[pattern];
  return [...rule.all, ...(roles.includes('admin') ? [] : rule.nonAdmin)];
}

/** Those of them the attributes lack (absent or only empty values). */
export function absentAttributes(pattern: FlexPattern, attributes: Readonly<Record<string, readonly string[]>>, roles: readonly string[]): string[] {
  return expectedAttributes(pattern, roles).filter((name) => !(attributes[name] ?? []).some((v) => v.trim() !== ''));
}

/** The pattern of a scenario by its Action: the seeds' `pattern-a`/`pattern-b` Actions (a file path ending so counts too). */
export function patternOfAction(action: string): FlexPattern | undefined {
  const match = /(?:^|[/\\])pattern-([ab])(?:\.js)?$/i.exec(action);
  return match ? (match[1]?.toUpperCase() as FlexPattern) : undefined;
}
