// nameId: the Subject carries a non-empty NameID (Auth0: user_id or email per nameIdentifierProbes).
import type { Check } from '../context.ts';
import { failed, passed, show } from '../result.ts';
import { NS, attr, child, path, text } from '../xml.ts';

export const nameId: Check = (state) => {
  const subject = child(state.trusted!.assertion, 'Subject', NS.saml);
  if (child(subject, 'EncryptedID', NS.saml) !== undefined) {
    return { result: failed('nameId', 'NAMEID_ENCRYPTED', { expected: 'a plain NameID', actual: 'EncryptedID', detail: 'The NameID is encrypted.', hint: 'Flex does not support SAML encryption: turn it off in the Auth0 SAML addon.' }) };
  }
  const el = path(subject, ['NameID'], NS.saml);
  const value = text(el)?.trim();
  if (el === undefined || value === undefined || value === '') {
    return { result: failed('nameId', 'NAMEID_MISSING', { expected: 'a non-empty Subject/NameID', actual: el === undefined ? '(no NameID)' : '(empty)', detail: 'The Assertion does not identify the user.', hint: 'Check the addon\'s "nameIdentifierProbes" (default: user_id, email, name) and that the user has one of those claims; an Action may have cleared it with api.samlResponse.setNameIdentifier().' }) };
  }
  const format = attr(el, 'Format') ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified (default)';
  return { result: passed('nameId', `NameID ${show(value)}, Format ${format}.`) };
};
