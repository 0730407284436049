// wrapping: the document holds exactly one Assertion, in its place (a child of the Response), no two
// elements share an ID, and that Assertion is the node the verified signature covers (its own
// signature, or inside the signed Response). Closes XSW: nothing unsigned is ever consumed.
import type { Element } from '@xmldom/xmldom';
import type { Check } from '../context.ts';
import { failed, passed, skipped } from '../result.ts';
import { NS, attr, descendants } from '../xml.ts';

const ID_ATTRIBUTES = ['ID', 'Id', 'id'];
const XSW_HINT =
  'This is a signature-wrapping pattern (an extra or moved Assertion next to the signed one). Auth0 never produces it: treat the response as an attack.';

/**
 * An Assertion inside the saml:Advice of another Assertion is evidence carried (and signed) with it,
 * never consumed (values are read from the consumed Assertion's own children): it is not a second
 * login. node-saml's signature-placement corpus accepts such responses. Advice anywhere else counts.
 */
function isAdviceOfAnAssertion(el: Element, root: Element): boolean {
  for (let node = el.parentNode as Element | null; node !== null && node !== root; node = node.parentNode as Element | null) {
    const parent = node.parentNode as Element | null;
    if (node.localName === 'Advice' && node.namespaceURI === NS.saml && parent?.localName === 'Assertion' && parent.namespaceURI === NS.saml) return true;
  }
  return false;
}

export const wrapping: Check = (state) => {
  const root = state.root as Element;
  const assertions: Element[] = [];
  let encrypted = 0;
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  descendants(root, (el) => {
    if (el.localName === 'Assertion' && el.namespaceURI === NS.saml && !isAdviceOfAnAssertion(el, root)) assertions.push(el);
    if (el.localName === 'EncryptedAssertion') encrypted++;
    for (const name of ID_ATTRIBUTES) {
      const id = attr(el, name);
      if (id === undefined) continue;
      if (seen.has(id)) duplicates.add(id);
      seen.add(id);
    }
  });
  if (encrypted > 0) {
    return {
      result: failed('wrapping', 'WRAP_ENCRYPTED_ASSERTION', {
        expected: 'a plain (unencrypted) Assertion',
        actual: `${encrypted} EncryptedAssertion`,
        detail: 'The response carries an EncryptedAssertion.',
        hint: 'Flex does not support encrypted assertions (it treats an encrypted response as invalid): remove the api.samlResponse.setEncryptionCert/setEncryptionPublicKey calls from the post-login Action, and "encryptionPublicKey"/"encryptionCert" from the Auth0 SAML addon.',
      }),
    };
  }
  if (assertions.length !== 1) {
    return {
      result: failed('wrapping', assertions.length === 0 ? 'WRAP_NO_ASSERTION' : 'WRAP_MULTIPLE_ASSERTIONS', {
        expected: 'exactly one Assertion in the document',
        actual: `${assertions.length}`,
        detail: assertions.length === 0 ? 'A Success response without an Assertion.' : `The document holds ${assertions.length} Assertions.`,
        hint: assertions.length === 0 ? 'Auth0 always includes one Assertion in a successful login response; re-capture it.' : XSW_HINT,
      }),
    };
  }
  if (duplicates.size > 0) {
    return {
      result: failed('wrapping', 'WRAP_DUPLICATE_ID', {
        expected: 'unique ID attributes',
        actual: `duplicated: ${[...duplicates].slice(0, 3).join(', ')}`,
        detail: 'Several elements share an ID, so a signature reference could point at either.',
        hint: XSW_HINT,
      }),
    };
  }
  const docAssertion = assertions[0] as Element;
  if (docAssertion.parentNode !== root) {
    return {
      result: failed('wrapping', 'WRAP_ASSERTION_POSITION', {
        expected: 'the Assertion as a child of the Response',
        actual: `inside ${(docAssertion.parentNode as Element | null)?.tagName ?? '?'}`,
        detail: 'The Assertion is nested somewhere a SAML consumer would not look for it.',
        hint: XSW_HINT,
      }),
    };
  }
  if (state.signedElement === undefined) {
    return {
      result: skipped(
        'wrapping',
        'SKIPPED_PREREQUISITE',
        'Structure ok (one Assertion, unique IDs); comparing it with the signed node needs `signature`, which did not pass.',
      ),
    };
  }
  const signedAssertion = state.signedAssertion;
  const id = attr(docAssertion, 'ID');
  if (signedAssertion === undefined || id === undefined || attr(signedAssertion, 'ID') !== id) {
    return {
      result: failed('wrapping', 'WRAP_NOT_SIGNED_NODE', {
        expected: `the consumed Assertion ${id ?? '(no ID)'} is covered by the signature`,
        actual:
          signedAssertion === undefined ? 'the signature covers no Assertion' : `the signature covers Assertion ${attr(signedAssertion, 'ID') ?? '(no ID)'}`,
        detail: 'The Assertion that would be consumed is not the one the signature covers.',
        hint: XSW_HINT,
      }),
    };
  }
  const responseSigned = state.signedResponse !== undefined;
  return {
    trusted: { response: state.signedResponse ?? root, responseSigned, assertion: signedAssertion },
    result: passed('wrapping', `One Assertion (${id}), unique IDs; values are read from the signed ${responseSigned ? 'Response' : 'Assertion'} bytes.`),
  };
};
