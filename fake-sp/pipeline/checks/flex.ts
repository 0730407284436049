// flex: would Flex accept this login and read what the user expects? Required attributes (Twilio
// error 45050), valid roles (with "did you mean"), at least one Flex role (45050, flex-roles.ts),
// typed-suffix values; warnings: names Flex ignores (namespaced claims, `team`, `program`) and
// Insights findings (flex-insights.ts).
import type { CheckCode } from '../codes.ts';
import type { Check } from '../context.ts';
import { didYouMean } from '../../../flex/did-you-mean.ts';
import { FLEX_ROLES } from '../../../flex/roles.ts';
import { FLEX_ATTRIBUTES, NAMESPACED_EQUIVALENTS, REQUIRED_FLEX_ATTRIBUTES, TYPED_SUFFIXES, flexAttribute } from '../flex-attributes.ts';
import { flexView } from '../flex-view.ts';
import { failed, passed } from '../result.ts';
import { insightsWarnings } from './flex-insights.ts';
import { noFlexRole } from './flex-roles.ts';

interface Problem {
  code: CheckCode;
  expected: string;
  actual: string;
  detail: string;
  hint: string;
}

const NOT_RUNNING =
  'If every custom attribute is missing, the post-login Action is not deployed or not bound to the Login flow (Auth0 → Actions → Flows → Login), or it failed (Monitoring → Logs).';
const MISSING_HINT: Record<string, string> = {
  email: "The Action must call api.samlResponse.setAttribute('email', event.user.email).",
  full_name: "The Action must call api.samlResponse.setAttribute('full_name', …) (name → given + family name → email local part).",
  roles:
    'The user\'s app_metadata.flex.roles is missing or empty (Auth0 drops an attribute set to an empty array), or the Action does not set it: add "flex": { "roles": ["agent"] } to app_metadata and call api.samlResponse.setAttribute(\'roles\', event.user.app_metadata.flex.roles).',
};

function missingRequired(attributes: Record<string, string[]>): Problem | undefined {
  const missing = REQUIRED_FLEX_ATTRIBUTES.filter((name) => {
    const values = attributes[name] ?? [];
    return name === 'roles' ? values.every((v) => v.split(',').every((r) => r.trim() === '')) : values.every((v) => v.trim() === '');
  });
  if (missing.length === 0) return undefined;
  const hints = missing.map((name) => {
    const namespaced = (NAMESPACED_EQUIVALENTS[name] ?? []).find((uri) => attributes[uri] !== undefined);
    if (namespaced !== undefined)
      return `\`${name}\`: the response carries ${namespaced}, but Flex ignores namespaced names — the Action must call api.samlResponse.setAttribute('${name}', …) with the un-namespaced name.`;
    const near = didYouMean(name, Object.keys(attributes), 2);
    if (near !== undefined) return `\`${name}\`: the response has \`${near}\` — did you mean \`${name}\`? Flex names are exact and case-sensitive.`;
    return `\`${name}\`: ${MISSING_HINT[name] ?? 'set it in the Action.'}`;
  });
  return {
    code: 'FLEX_MISSING_REQUIRED',
    expected: `non-empty ${REQUIRED_FLEX_ATTRIBUTES.join(', ')}`,
    actual: `missing: ${missing.join(', ')}`,
    detail: `Missing or invalid required attributes: ${missing.join(', ')} (Flex would answer with Twilio error 45050).`,
    hint: [...hints, NOT_RUNNING].join(' '),
  };
}

function unknownRoles(roles: string[]): Problem | undefined {
  const unknown = roles.filter((r) => !(FLEX_ROLES as readonly string[]).includes(r));
  if (unknown.length === 0) return undefined;
  const suggestions = unknown.map((r) => {
    const near = didYouMean(r, FLEX_ROLES, 2);
    return near === undefined ? `\`${r}\` is not a Flex role` : `\`${r}\`: did you mean \`${near}\`?`;
  });
  return {
    code: 'FLEX_UNKNOWN_ROLE',
    expected: `roles from: ${FLEX_ROLES.join(', ')}`,
    actual: unknown.join(', '),
    detail: `Unknown Flex role(s): ${suggestions.join('; ')}`,
    hint: `Correct the role in the user's app_metadata.flex.roles (${suggestions.join('; ')}); the user must log in again after the change.`,
  };
}

function badTypedValues(attributes: Record<string, string[]>): Problem | undefined {
  for (const [name, values] of Object.entries(attributes)) {
    const dot = name.lastIndexOf('.');
    const suffix = dot > 0 && !name.includes('/') ? name.slice(dot + 1) : '';
    const type = Object.hasOwn(TYPED_SUFFIXES, suffix) ? TYPED_SUFFIXES[suffix] : undefined;
    if (type === undefined) continue;
    const bad = values.find((v) => !type.valid(v));
    if (bad !== undefined || (!type.multiValued && values.length > 1)) {
      return {
        code: 'FLEX_BAD_TYPED_VALUE',
        expected: `${name}: ${type.multiValued ? '' : 'one value, '}${type.describe}`,
        actual: bad !== undefined ? JSON.stringify(bad) : `${values.length} values`,
        detail: `The typed attribute \`${name}\` does not hold ${type.describe}.`,
        hint: `Flex parses \`.${suffix}\` attributes as ${type.describe}: fix the value the Action sets, or drop the suffix.`,
      };
    }
  }
  return undefined;
}

function advice(attributes: Record<string, string[]>): string[] {
  const notes: string[] = [];
  if (attributes['team'] !== undefined && attributes['team_name'] === undefined)
    notes.push("Flex's Teams View filters on team_name; `team` is stored as a worker attribute but drives no Flex feature.");
  if (attributes['program'] !== undefined) notes.push('`program` is stored as a worker attribute but drives no Flex feature.');
  for (const [name, values] of Object.entries(attributes)) {
    const spec = flexAttribute(name);
    if (spec !== undefined && !spec.multiValued && values.length > 1)
      notes.push(`\`${name}\` has ${values.length} values; Flex reads one (${JSON.stringify(values[0])}).`);
    if (spec === undefined && !name.includes('/') && !name.includes(':')) {
      const near = didYouMean(name, Object.keys(FLEX_ATTRIBUTES), 1);
      if (near !== undefined && attributes[near] === undefined) notes.push(`\`${name}\` is not a Flex attribute — did you mean \`${near}\`?`);
    }
  }
  return notes;
}

export const flex: Check = (state) => {
  const attributes = state.attributes ?? {};
  const view = flexView(attributes);
  const warnings = [...advice(attributes), ...insightsWarnings(attributes, view.roles)];
  const problems = [missingRequired(attributes), unknownRoles(view.roles), noFlexRole(view.roles), badTypedValues(attributes)].filter(
    (p): p is Problem => p !== undefined,
  );
  const first = problems[0];
  if (first !== undefined) {
    return {
      flex: view,
      result: failed('flex', first.code, { ...first, detail: problems.map((p) => p.detail).join(' '), hint: problems.map((p) => p.hint).join(' '), warnings }),
    };
  }
  return {
    flex: view,
    result: passed(
      'flex',
      `Flex reads email ${JSON.stringify(view.email)}, full_name ${JSON.stringify(view.full_name)}, roles [${view.roles.join(', ')}].`,
      warnings,
    ),
  };
};
