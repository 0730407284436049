// The TaskRouter worker attributes Flex writes after an SSO login, from the SAML attributes Flex
// read (names verbatim). Pure: the dashboard shows them so an admin sees what "team" really becomes.
//
// Flex names the worker's Twilio Client identity after the email, escaping every character that is
// not an ASCII letter or digit as `_` + the upper-case hex of each of its UTF-8 bytes
// (`@` → `_40`, `.` → `_2E`, `_` → `_5F`), and stores it as `contact_uri: client:<identity>`.
import { FLEX_ATTRIBUTES, TYPED_SUFFIXES } from '../../pipeline/flex-attributes.ts';
import type { FlexView } from '../../pipeline/types.ts';

export type WorkerAttributeValue = string | number | boolean | string[] | number[];

export interface WorkerAttributes {
  full_name?: string;
  email?: string;
  roles: string[];
  image_url?: string;
  contact_uri?: string;
  /** Every other attribute Flex stores as-is (Insights, Teams, custom such as team/program). */
  [custom: string]: WorkerAttributeValue | undefined;
}

/** A Twilio Client identity as Flex escapes it: letters and digits kept, everything else `_XX` per UTF-8 byte. */
export function escapeClientIdentity(value: string): string {
  let out = '';
  for (const ch of value) {
    if (/^[A-Za-z0-9]$/.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function contactUri(email: string): string {
  return `client:${escapeClientIdentity(email)}`;
}

const CORE = new Set(['email', 'full_name', 'roles', 'image_url']);

/** `name.int` → `{ name, value: 42 }`; an unknown suffix or a value that does not read as its type stays verbatim. */
function typed(name: string, values: readonly string[]): [string, WorkerAttributeValue] {
  const dot = name.lastIndexOf('.');
  const suffix = dot > 0 ? name.slice(dot + 1) : '';
  const spec = Object.hasOwn(TYPED_SUFFIXES, suffix) ? TYPED_SUFFIXES[suffix] : undefined;
  if (spec === undefined || values.length === 0 || !values.every((v) => spec.valid(v))) return [name, plain(values)];
  const base = name.slice(0, dot);
  switch (suffix) {
    case 'int':
    case 'float':
      return [base, Number(values[0])];
    case 'boolean':
      return [base, values[0]?.trim() === 'true'];
    case 'intarray':
      return [base, values.map((v) => Number(v))];
    case 'stringarray':
      return [base, [...values]];
    default:
      return [base, values[0] ?? ''];
  }
}

function plain(values: readonly string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : [...values];
}

/**
 * The worker attributes Flex would write for these SAML attributes (as the pipeline read them) and
 * its FlexView (roles already split on commas). Keys are built with Object.fromEntries so an
 * attribute named `__proto__` stays a plain key.
 */
export function workerAttributes(attributes: Readonly<Record<string, readonly string[]>>, flex: FlexView): WorkerAttributes {
  const entries: Array<[string, WorkerAttributeValue]> = [];
  if (flex.full_name !== undefined) entries.push(['full_name', flex.full_name]);
  if (flex.email !== undefined) entries.push(['email', flex.email]);
  entries.push(['roles', [...flex.roles]]);
  if (flex.image_url !== undefined) entries.push(['image_url', flex.image_url]);
  if (flex.email !== undefined) entries.push(['contact_uri', contactUri(flex.email)]);
  const taken = new Set(entries.map(([k]) => k));
  for (const [name, values] of Object.entries(attributes)) {
    if (CORE.has(name)) continue;
    const [key, value] = typed(name, values);
    if (taken.has(key)) continue;
    taken.add(key);
    entries.push([key, value]);
  }
  return Object.fromEntries(entries) as WorkerAttributes;
}

/** What an attribute drives in Flex, for the dashboard's attribute table. */
export function flexMeaning(name: string): string {
  if (Object.hasOwn(FLEX_ATTRIBUTES, name)) return FLEX_ATTRIBUTES[name as keyof typeof FLEX_ATTRIBUTES].flexMeaning;
  return 'custom: stored as a worker attribute only, drives no Flex feature';
}
