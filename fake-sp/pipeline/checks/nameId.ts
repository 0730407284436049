// nameId: the Assertion identifies and authenticates the user: its Subject carries a non-empty NameID
// (Auth0: user_id or email per nameIdentifierProbes) and it holds an AuthnStatement (SAML Profiles
// §4.1.4.2: the assertions "MUST contain at least one <AuthnStatement>"; OneLogin and pysaml2 refuse
// a response without one).
import type { Check } from '../context.ts';
import { failed, passed, show } from '../result.ts';
import { NS, attr, child, children, path, text } from '../xml.ts';

export const nameId: Check = (state) => {
  const subject = child(state.trusted!.assertion, 'Subject', NS.saml);
  if (child(subject, 'EncryptedID', NS.saml) !== undefined) {
    return {
      result: failed('nameId', 'NAMEID_ENCRYPTED', {
        expected: 'a plain NameID',
        actual: 'EncryptedID',
        detail: 'The NameID is encrypted.',
        hint: 'Flex does not support SAML encryption: turn it off in the Auth0 SAML addon.',
      }),
    };
  }
  const el = path(subject, ['NameID'], NS.saml);
  const value = text(el)?.trim();
  if (el === undefined || value === undefined || value === '') {
    return {
      result: failed('nameId', 'NAMEID_MISSING', {
        expected: 'a non-empty Subject/NameID',
        actual: el === undefined ? '(no NameID)' : '(empty)',
        detail: 'The Assertion does not identify the user.',
        hint: 'Check the addon\'s "nameIdentifierProbes" (default: user_id, email, name) and that the user has one of those claims; an Action may have cleared it with api.samlResponse.setNameIdentifier().',
      }),
    };
  }
  const authn = children(state.trusted!.assertion, 'AuthnStatement', NS.saml);
  if (authn.length === 0) {
    return {
      result: failed('nameId', 'AUTHN_STATEMENT_MISSING', {
        expected: 'an AuthnStatement in the Assertion (SAML Profiles 4.1.4.2)',
        actual: '(no AuthnStatement)',
        detail: 'The Assertion names a user but does not say that the user authenticated, so it is not a login.',
        hint: 'Auth0 always writes an AuthnStatement (AuthnInstant, SessionIndex, AuthnContext); an assertion without one is an attribute assertion from another IdP, or an altered response.',
      }),
    };
  }
  const format = attr(el, 'Format') ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified (default)';
  return { result: passed('nameId', `NameID ${show(value)}, Format ${format}.`) };
};
