// The catalogue of every stable code a pipeline check can emit: the check that emits it, whether it
// fails or skips the check, and the general advice. A check's own hint is more specific (it names the
// values it saw); this is what docs/check-codes.md lists (`npm run docs:codes` writes it). `failed()`
// and `skipped()` accept only these codes, so a new code cannot reach a report without an entry here.
import type { CheckId } from './types.ts';

export interface CodeEntry {
  /** The checks that emit the code ('any': the pipeline runner, for every check). */
  checks: readonly CheckId[] | 'any';
  status: 'failed' | 'skipped';
  hint: string;
}

const NOT_CONFIGURED =
  'The SP was started without this setting, so the check did not run: configure it (the fake SP and `flex-sso decode` take it from the Flex profile).';
const ALTERED = 'The response was not produced by Auth0 unaltered: capture it again from the POST body, and treat a repeat as an attack.';
const TOO_MANY = 'A SAML response from Auth0 is a few KiB of ordinary markup; this one is built to exhaust the parser (docs/bounds.md lists the limits).';

export const CHECK_CODES = {
  // decode
  DECODE_EMPTY: { checks: ['decode'], status: 'failed', hint: "Post the SAMLResponse form field of the IdP's POST to the ACS." },
  DECODE_TOO_LARGE: { checks: ['decode'], status: 'failed', hint: 'A login response from Auth0 is a few KiB; a huge one is an attack or the wrong field.' },
  DECODE_BASE64: { checks: ['decode'], status: 'failed', hint: 'Copy the SAMLResponse value whole, URL-decoded; `flex-sso decode` also accepts raw XML.' },
  DECODE_DEFLATED: { checks: ['decode'], status: 'failed', hint: 'A value taken from a URL uses the HTTP-Redirect encoding: capture the POST body instead.' },
  DECODE_UTF8: { checks: ['decode'], status: 'failed', hint: 'This is not a SAML document: check that the whole SAMLResponse form field was copied.' },
  DECODE_ENCODING: {
    checks: ['decode'],
    status: 'failed',
    hint: 'Auth0 sends UTF-8: a different encoding means the value was re-saved by a tool; capture it again.',
  },
  // decode, by the fake SP's ACS and judge before the pipeline runs (fake-sp/server, fake-sp/judge)
  ACS_NOT_FORM: { checks: ['decode'], status: 'failed', hint: 'Post the SAMLResponse as a form field, as the IdP auto-POST form does (HTTP-POST binding).' },
  ACS_BAD_ENCODING: { checks: ['decode'], status: 'failed', hint: 'Post the form as UTF-8 without Content-Encoding.' },
  ACS_BODY_TOO_LARGE: { checks: ['decode'], status: 'failed', hint: 'A Flex login response is a few KiB; check what is being posted, or raise maxBodyBytes.' },
  ACS_BAD_BODY: { checks: ['decode'], status: 'failed', hint: 'Post a complete application/x-www-form-urlencoded form.' },
  ACS_NO_SAML_RESPONSE: { checks: ['decode'], status: 'failed', hint: 'Post the form field SAMLResponse (HTTP-POST binding).' },
  ACS_DUPLICATE_FIELD: { checks: ['decode'], status: 'failed', hint: 'Post each form field once: two SAMLResponse or RelayState fields are ambiguous.' },
  ACS_TOO_MANY_FIELDS: { checks: ['decode'], status: 'failed', hint: 'The IdP auto-POST form has two fields (SAMLResponse, RelayState); post only those.' },
  DECODE_TOO_EXPENSIVE: {
    checks: ['decode'],
    status: 'failed',
    hint: 'A login response from Auth0 is judged in a few milliseconds; one that is not was built to exhaust the validator (docs/bounds.md).',
  },
  DECODE_JUDGE_FAILED: {
    checks: ['decode'],
    status: 'failed',
    hint: 'The validation worker failed: a bug or a broken installation of the harness; report it with the response.',
  },
  ACS_PIPELINE_ERROR: { checks: ['decode'], status: 'failed', hint: 'A bug in the fake SP pipeline: report it with the recorded SAMLResponse.' },
  NOT_RUN: { checks: 'any', status: 'skipped', hint: 'The POST carried no SAMLResponse the pipeline could read: fix the `decode` failure.' },
  // parse
  PARSE_MALFORMED: {
    checks: ['parse'],
    status: 'failed',
    hint: 'The response was truncated or altered in transit; capture it again (the HAR or the form POST body).',
  },
  PARSE_DOCTYPE: {
    checks: ['parse'],
    status: 'failed',
    hint: 'No IdP sends a DTD in a SAML response: treat this as an attack, or fix whatever rewrote the response.',
  },
  PARSE_ILLEGAL_CHAR: {
    checks: ['parse'],
    status: 'failed',
    hint: 'No XML signer emits a control character: the response was altered, or built to smuggle terminal escapes.',
  },
  PARSE_DEPTH: { checks: ['parse'], status: 'failed', hint: 'A SAML response is about 8 levels deep; this one is built to exhaust the parser.' },
  PARSE_TOO_MANY_ELEMENTS: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_ATTRIBUTES: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_NAMESPACES: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_COMMENTS: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_PIS: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_CDATA: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_NAMES: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_TOO_MANY_REFERENCES: { checks: ['parse'], status: 'failed', hint: TOO_MANY },
  PARSE_NOT_A_RESPONSE: { checks: ['parse'], status: 'failed', hint: 'Post the samlp:Response Auth0 sends to the ACS after sign-in.' },
  PARSE_SAML11: { checks: ['parse'], status: 'failed', hint: 'Flex needs SAML 2.0: use the Auth0 SAML2 Web App addon, not a SAML 1.1 token.' },
  PARSE_LOGOUT_RESPONSE: {
    checks: ['parse'],
    status: 'failed',
    hint: 'A Flex login needs the Response Auth0 posts to the ACS after sign-in, not a logout message.',
  },
  PARSE_LOGOUT_REQUEST: { checks: ['parse'], status: 'failed', hint: 'Post the SAMLResponse from the login flow, not a logout message.' },
  PARSE_AUTHN_REQUEST: {
    checks: ['parse'],
    status: 'failed',
    hint: 'Capture the SAMLResponse that Auth0 posts back to the ACS, not the SAMLRequest Flex sends.',
  },
  PARSE_WSFED_TOKEN: {
    checks: ['parse'],
    status: 'failed',
    hint: 'The Auth0 application uses WS-Fed; Flex needs the SAML2 Web App addon with binding HTTP-POST.',
  },
  PARSE_BARE_ASSERTION: {
    checks: ['parse'],
    status: 'failed',
    hint: 'Flex receives a samlp:Response wrapping the Assertion; post the whole SAMLResponse form value.',
  },
  PARSE_METADATA: { checks: ['parse'], status: 'failed', hint: 'Metadata configures the SP; validate the SAMLResponse from a login instead.' },
  // status
  STATUS_MISSING: { checks: ['status'], status: 'failed', hint: 'Auth0 always writes a Status; a response without one was not produced by Auth0 unaltered.' },
  STATUS_NOT_SUCCESS: {
    checks: ['status'],
    status: 'failed',
    hint: "A post-login Action called api.access.deny() or threw: read its logs (Auth0 → Monitoring → Logs) and the user's app_metadata.",
  },
  // signature
  SIG_NO_CERT: { checks: ['signature'], status: 'failed', hint: 'Download the certificate from https://<tenant>/pem and pin it as PEM.' },
  SIG_BAD_CERT: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Download the certificate from https://<tenant>/pem and pass it as PEM (-----BEGIN CERTIFICATE-----).',
  },
  SIG_UNSIGNED: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Auth0 always signs (the Assertion by default): an unsigned response did not come from Auth0 unaltered; never accept it.',
  },
  SIG_MULTIPLE: { checks: ['signature'], status: 'failed', hint: 'Auth0 puts one Signature right after the Issuer; several are a wrapping pattern.' },
  SIG_MISPLACED: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Auth0 puts one Signature right after the Issuer of the Response or the Assertion; a moved one is a wrapping pattern.',
  },
  SIG_MALFORMED: { checks: ['signature'], status: 'failed', hint: 'A malformed or tampered signature; re-capture the response from Auth0.' },
  SIG_BAD_REFERENCE: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Only a signature over the Response or the consumed Assertion counts; Auth0 signs one element per signature.',
  },
  SIG_TRANSFORM_NOT_ALLOWED: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Auth0 uses enveloped + exclusive canonicalization; any other transform is refused.',
  },
  SIG_TRANSFORM_CHAIN: {
    checks: ['signature'],
    status: 'failed',
    hint: 'SAML 2.0 Core 5.4.4 allows only the enveloped-signature transform and one canonicalization.',
  },
  SIG_ALG_WEAK: {
    checks: ['signature'],
    status: 'failed',
    hint: 'Sign with RSA-SHA256 (Auth0 SAML addon: "signatureAlgorithm": "rsa-sha256", "digestAlgorithm": "sha256").',
  },
  SIG_VALUE_EMPTY: {
    checks: ['signature'],
    status: 'failed',
    hint: 'An unfinished signature template: nothing vouches for the response. Capture the POST body Auth0 sends.',
  },
  SIG_VALUE_INVALID: {
    checks: ['signature'],
    status: 'failed',
    hint: `The SignatureValue or its SignedInfo was changed after signing, or another key signed it. ${ALTERED}`,
  },
  SIG_DIGEST_MISMATCH: { checks: ['signature'], status: 'failed', hint: `The signed content was changed after signing. ${ALTERED}` },
  SIG_INVALID: {
    checks: ['signature'],
    status: 'failed',
    hint: "The signature does not verify with the pinned certificates: check the pinned certificate is the tenant's current one.",
  },
  // wrapping
  WRAP_NO_ASSERTION: { checks: ['wrapping'], status: 'failed', hint: 'A successful Auth0 response carries one Assertion; without one there is no login.' },
  WRAP_MULTIPLE_ASSERTIONS: { checks: ['wrapping'], status: 'failed', hint: `Auth0 writes one Assertion; several are a wrapping pattern. ${ALTERED}` },
  WRAP_DUPLICATE_ID: { checks: ['wrapping'], status: 'failed', hint: `Duplicate IDs are a signature-wrapping pattern. ${ALTERED}` },
  WRAP_ASSERTION_POSITION: { checks: ['wrapping'], status: 'failed', hint: `The Assertion is not a child of the Response: a wrapping pattern. ${ALTERED}` },
  WRAP_NOT_SIGNED_NODE: {
    checks: ['wrapping'],
    status: 'failed',
    hint: `The Assertion read is not the node the signature covers: a wrapping attack. ${ALTERED}`,
  },
  WRAP_ENCRYPTED_ASSERTION: {
    checks: ['wrapping'],
    status: 'failed',
    hint: 'Flex does not support encrypted assertions: turn off assertion encryption in the Auth0 SAML addon.',
  },
  // issuer, destination, recipient, audience
  ISSUER_NOT_CONFIGURED: { checks: ['issuer'], status: 'skipped', hint: NOT_CONFIGURED },
  ISSUER_MISSING: {
    checks: ['issuer'],
    status: 'failed',
    hint: 'Auth0 always writes an Issuer (urn:<tenant domain>): the response was altered or is not from Auth0.',
  },
  ISSUER_MISMATCH: {
    checks: ['issuer'],
    status: 'failed',
    hint: 'Configure the IdP issuer Flex expects as urn:<tenant domain>, or the addon\'s "issuer" setting.',
  },
  DEST_NOT_CONFIGURED: { checks: ['destination'], status: 'skipped', hint: NOT_CONFIGURED },
  DEST_MISSING: {
    checks: ['destination'],
    status: 'failed',
    hint: 'Auth0 always writes Destination (the callback URL, or the addon\'s "destination"): set the ACS URL as callback.',
  },
  DEST_MISMATCH: {
    checks: ['destination'],
    status: 'failed',
    hint: 'Set the application\'s callback URL (or the addon\'s "destination") to the Flex ACS URL of this profile.',
  },
  RCPT_NOT_CONFIGURED: { checks: ['recipient'], status: 'skipped', hint: NOT_CONFIGURED },
  RCPT_NO_BEARER: { checks: ['recipient'], status: 'failed', hint: 'Auth0 always emits a bearer SubjectConfirmation with Recipient and NotOnOrAfter.' },
  RCPT_MISSING: {
    checks: ['recipient'],
    status: 'failed',
    hint: 'Auth0 writes the Recipient from the callback URL (or the addon\'s "recipient"): set it to the Flex ACS URL.',
  },
  RCPT_MISMATCH: { checks: ['recipient'], status: 'failed', hint: 'Set the callback URL (or the addon\'s "recipient") to the Flex ACS URL of this profile.' },
  AUD_NOT_CONFIGURED: { checks: ['audience'], status: 'skipped', hint: NOT_CONFIGURED },
  AUD_MISSING: {
    checks: ['audience'],
    status: 'failed',
    hint: 'Set "audience" in the Auth0 SAML addon to the Flex SP entity ID: without it Auth0 sends the callback URL.',
  },
  AUD_MISMATCH: {
    checks: ['audience'],
    status: 'failed',
    hint: 'Set "audience" in the Auth0 SAML addon to the Flex SP entity ID of this profile (Enhanced urn:flex:JQ…).',
  },
  // time
  TIME_UNPARSABLE: {
    checks: ['time'],
    status: 'failed',
    hint: 'Auth0 writes UTC timestamps ending in Z; a malformed date means the response was altered or is not from Auth0.',
  },
  TIME_NO_BEARER_EXPIRY: {
    checks: ['time'],
    status: 'failed',
    hint: "Auth0 writes SubjectConfirmationData NotOnOrAfter = issue time + the addon's lifetimeInSeconds.",
  },
  TIME_WINDOW_INVERTED: {
    checks: ['time'],
    status: 'failed',
    hint: 'NotBefore is after NotOnOrAfter: the response was altered or the addon lifetime is wrong.',
  },
  TIME_NOT_YET_VALID: { checks: ['time'], status: 'failed', hint: "The IdP's clock is ahead of the SP's beyond the allowed skew: sync the clocks (NTP)." },
  TIME_EXPIRED: { checks: ['time'], status: 'failed', hint: 'The response was posted after it expired: a replay, a slow POST, or clocks out of sync (NTP).' },
  COND_UNKNOWN: { checks: ['time'], status: 'failed', hint: 'Auth0 writes only an AudienceRestriction in Conditions; remove the custom Condition at the IdP.' },
  // inResponseTo, replay
  IRT_NOT_CONFIGURED: { checks: ['inResponseTo'], status: 'skipped', hint: NOT_CONFIGURED },
  IRT_UNSOLICITED: {
    checks: ['inResponseTo'],
    status: 'failed',
    hint: 'Start the login from Flex (SP-initiated), or allow IdP-initiated logins (Flex: set a default redirect URL).',
  },
  IRT_UNKNOWN: {
    checks: ['inResponseTo'],
    status: 'failed',
    hint: 'The login started at another SP instance, the SP restarted, or the response is replayed: start the login again.',
  },
  IRT_RELAYSTATE_MISSING: {
    checks: ['inResponseTo'],
    status: 'failed',
    hint: 'Flex needs the RelayState back on an SP-initiated login: check that no Action (api.samlResponse.setRelayState) or proxy drops it.',
  },
  IRT_MISMATCH: {
    checks: ['inResponseTo'],
    status: 'failed',
    hint: 'The Assertion was taken from another login and placed in this Response: treat it as an attack.',
  },
  REPLAY_NOT_CONFIGURED: { checks: ['replay'], status: 'skipped', hint: NOT_CONFIGURED },
  REPLAY: {
    checks: ['replay'],
    status: 'failed',
    hint: 'The same SAMLResponse was posted twice (back/refresh, a re-posted capture, or an attacker): log in again.',
  },
  REPLAY_NO_ID: { checks: ['replay'], status: 'failed', hint: 'Auth0 always sets an Assertion ID; this response was not produced by Auth0 unaltered.' },
  // nameId, attributes, flex
  NAMEID_MISSING: { checks: ['nameId'], status: 'failed', hint: "Check the addon's nameIdentifierProbes: the user has none of the probed claims." },
  NAMEID_ENCRYPTED: { checks: ['nameId'], status: 'failed', hint: 'Flex does not support SAML encryption: turn it off in the Auth0 SAML addon.' },
  AUTHN_STATEMENT_MISSING: {
    checks: ['nameId'],
    status: 'failed',
    hint: 'Auth0 always writes an AuthnStatement; an assertion without one is from another IdP or altered.',
  },
  ATTR_ENCRYPTED: {
    checks: ['attributes'],
    status: 'failed',
    hint: 'Flex does not support SAML encryption: remove "encryptionPublicKey"/"encryptionCert" from the Auth0 SAML addon.',
  },
  ATTR_NO_NAME: {
    checks: ['attributes'],
    status: 'failed',
    hint: 'Every api.samlResponse.setAttribute(name, value) call in the Action needs a non-empty name.',
  },
  ATTR_DUPLICATE: {
    checks: ['attributes'],
    status: 'failed',
    hint: 'Auth0 emits each name once; pass several values as an array to one api.samlResponse.setAttribute call.',
  },
  FLEX_MISSING_REQUIRED: {
    checks: ['flex'],
    status: 'failed',
    hint: 'Flex needs email, full_name and roles (Twilio error 45050): set them in the post-login Action.',
  },
  FLEX_UNKNOWN_ROLE: {
    checks: ['flex'],
    status: 'failed',
    hint: "Correct the role in the user's app_metadata.flex.roles (agent, supervisor, admin, …); the user must log in again.",
  },
  FLEX_NO_FLEX_ROLE: {
    checks: ['flex'],
    status: 'failed',
    hint: 'roles must hold a Flex role (agent, supervisor, admin, flex.readteams or flex.readonlyadmin); wfo.* roles alone get Twilio error 45050.',
  },
  FLEX_BAD_TYPED_VALUE: {
    checks: ['flex'],
    status: 'failed',
    hint: 'Flex parses typed attributes (.int, .bool, …) by their suffix: fix the value the Action sets, or drop the suffix.',
  },
  // the pipeline runner (validate.ts)
  SKIPPED_PREREQUISITE: { checks: 'any', status: 'skipped', hint: 'Fix the first failed check: this one needs it to pass.' },
  INTERNAL_ERROR: { checks: 'any', status: 'failed', hint: 'This is a bug in the harness; please report it with the response that triggered it.' },
} as const satisfies Record<string, CodeEntry>;

export type CheckCode = keyof typeof CHECK_CODES;

export function isCheckCode(code: string): code is CheckCode {
  return Object.hasOwn(CHECK_CODES, code);
}
