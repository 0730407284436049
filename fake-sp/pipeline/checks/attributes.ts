// attributes: every Attribute Name → its AttributeValue texts in document order, read from the
// signed Assertion. Names are kept verbatim (namespaced claim URIs included); xsi:type is kept as info.
import type { Check } from '../context.ts';
import { failed, passed } from '../result.ts';
import { NS, attr, children, text } from '../xml.ts';

export const attributes: Check = (state) => {
  const assertion = state.trusted!.assertion;
  // Maps, not object literals: attribute names are attacker-chosen (`__proto__`, `constructor`).
  const values = new Map<string, string[]>();
  const types = new Map<string, string[]>();
  const duplicates: string[] = [];
  let unnamed = 0;
  for (const statement of children(assertion, 'AttributeStatement', NS.saml)) {
    for (const attribute of children(statement, 'Attribute', NS.saml)) {
      const name = attr(attribute, 'Name');
      if (name === undefined || name.trim() === '') {
        unnamed++;
        continue;
      }
      if (values.has(name)) duplicates.push(name);
      const list = values.get(name) ?? [];
      const typeList = types.get(name) ?? [];
      values.set(name, list);
      types.set(name, typeList);
      for (const value of children(attribute, 'AttributeValue', NS.saml)) {
        if (value.getAttributeNS(NS.xsi, 'nil') === 'true') continue;
        list.push(text(value) ?? '');
        typeList.push(value.getAttributeNS(NS.xsi, 'type') || 'xs:string (untyped)');
      }
    }
  }
  // Object.fromEntries defines own properties, so even `__proto__` stays a plain key.
  const data = { attributes: Object.fromEntries(values), attributeTypes: Object.fromEntries(types) };
  if (unnamed > 0) {
    return {
      ...data,
      result: failed('attributes', 'ATTR_NO_NAME', {
        expected: 'every Attribute has a Name',
        actual: `${unnamed} Attribute(s) without a Name`,
        detail: 'Flex cannot map an attribute without a name.',
        hint: 'Every api.samlResponse.setAttribute(name, value) call in the Action needs a non-empty name.',
      }),
    };
  }
  if (duplicates.length > 0) {
    return {
      ...data,
      result: failed('attributes', 'ATTR_DUPLICATE', {
        expected: 'each attribute name once',
        actual: `repeated: ${[...new Set(duplicates)].join(', ')}`,
        detail: 'The same attribute appears in several Attribute elements; which one a consumer reads is undefined.',
        hint: 'Auth0 emits each name once; pass several values as an array to a single api.samlResponse.setAttribute(name, [..]) call.',
      }),
    };
  }
  // Flex cannot decrypt (Twilio: encrypted responses are invalid): an EncryptedAttribute is an
  // attribute Flex never sees, whatever the Action set. Say so, rather than let `flex` report the
  // missing value as an Action that forgot setAttribute.
  const encrypted = children(assertion, 'AttributeStatement', NS.saml).flatMap((st) => children(st, 'EncryptedAttribute', NS.saml)).length;
  if (encrypted > 0) {
    const plain = [...values.keys()];
    return {
      ...data,
      result: failed('attributes', 'ATTR_ENCRYPTED', {
        expected: 'plain Attribute elements (Flex cannot decrypt)',
        actual: `${encrypted} EncryptedAttribute(s)${plain.length > 0 ? `; plain: ${plain.join(', ')}` : ''}`,
        detail: `${encrypted} attribute(s) are encrypted (EncryptedAttribute). Flex cannot decrypt them, so it would not see them (for example email, full_name or roles).`,
        hint: 'Flex does not support SAML encryption: turn encryption off at the IdP (Auth0 SAML addon: remove "encryptionPublicKey"/"encryptionCert"). The Action\'s setAttribute calls are not the problem.',
      }),
    };
  }
  const names = [...values.keys()];
  return { ...data, result: passed('attributes', names.length === 0 ? 'No attributes.' : `${names.length} attribute(s): ${names.join(', ')}.`) };
};
