// What Flex would read from a set of SAML attributes (names verbatim, case-sensitive).
import { splitRoles } from '../../flex/roles.ts';
import { FLEX_ATTRIBUTES, flexAttribute } from './flex-attributes.ts';
import type { FlexView } from './types.ts';

export const EMPTY_FLEX_VIEW: FlexView = Object.freeze({ roles: [], insights: {}, other: {} }) as FlexView;

export function flexView(attributes: Readonly<Record<string, string[]>>): FlexView {
  const own = (name: string) => (Object.hasOwn(attributes, name) ? attributes[name] : undefined);
  const view: FlexView = { roles: splitRoles(own('roles') ?? []), insights: {}, other: {} };
  for (const key of ['email', 'full_name', 'image_url', 'team', 'program'] as const) {
    const v = own(key)?.[0];
    if (v !== undefined) view[key] = v;
  }
  const insights: Array<[string, string[]]> = [];
  const other: Array<[string, string[]]> = [];
  for (const [name, values] of Object.entries(attributes)) {
    const spec = flexAttribute(name);
    if (spec === undefined) other.push([name, values]);
    else if (spec.kind === 'insights' || spec.kind === 'teams') insights.push([name, values]);
  }
  // Object.fromEntries: attribute names are attacker-chosen, `__proto__` must stay a plain key.
  view.insights = Object.fromEntries(insights);
  view.other = Object.fromEntries(other);
  return view;
}

export { FLEX_ATTRIBUTES };
