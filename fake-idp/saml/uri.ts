// The URI test node-saml uses to pick an attribute's NameFormat (lib/saml20.js getNameFormat calls
// valid-url's `is_uri`, which implements RFC 3986 section 3 loosely). Re-stated here because
// valid-url is unmaintained; the rules and their order are valid-url's.

/** RFC 3986 appendix B: scheme, authority, path, query, fragment. */
const SPLIT = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?/;

export function isUri(value: string): boolean {
  if (value === '') return false;
  // Only unreserved, reserved and '%' characters; complete percent escapes only.
  if (/[^a-z0-9:/?#[\]@!$&'()*+,;=.\-_~%]/i.test(value)) return false;
  if (/%[^0-9a-f]/i.test(value) || /%[0-9a-f](:?[^0-9a-f]|$)/i.test(value)) return false;
  const [, scheme, authority, path = ''] = SPLIT.exec(value) ?? [];
  if (scheme === undefined || scheme === '') return false;
  if (authority !== undefined && authority !== '') {
    if (path !== '' && !path.startsWith('/')) return false;
  } else if (path.startsWith('//')) {
    return false;
  }
  return /^[a-z][a-z0-9+\-.]*$/.test(scheme.toLowerCase());
}
