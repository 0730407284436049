// Builds Auth0-shaped SAML responses and signs them for real with xml-crypto 6 and the TEST-ONLY keys
// in test/fixtures/signing/ (Auth0 response shape, test/fixtures/corpus/real/auth0-*: Response ID `_`+20 hex, Assertion ID
// `_`+32 alnum, default-namespace <Signature> right after Issuer, exc-c14n + enveloped, X509Certificate
// in KeyInfo, bearer SubjectConfirmation with Recipient (+InResponseTo), Audience, AuthnStatement,
// AttributeStatement).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignedXml } from 'xml-crypto';

export interface TestKey {
  name: string;
  privateKey: string;
  cert: string;
}

const signingDir = new URL('../fixtures/signing/', import.meta.url);
const keyCache = new Map<string, TestKey>();

/** `idp` is the pinned IdP key; `other-idp` stands for a key whose certificate is not pinned. */
export function testKey(name: 'idp' | 'other-idp' = 'idp'): TestKey {
  let key = keyCache.get(name);
  if (key === undefined) {
    key = {
      name,
      privateKey: readFileSync(new URL(`test-only-${name}.key.pem`, signingDir), 'utf8'),
      cert: readFileSync(new URL(`test-only-${name}.cert.pem`, signingDir), 'utf8'),
    };
    keyCache.set(name, key);
  }
  return key;
}

export type Signed = 'response' | 'assertion' | 'both' | 'none';

export interface ResponseOptions {
  /** What to sign: Auth0 `signResponse: true` → 'response', false (default in Auth0) → 'assertion'. */
  sign?: Signed;
  algorithm?: 'sha256' | 'sha1' | 'sha512';
  key?: TestKey;
  /** Issue time; NotBefore = now, NotOnOrAfter = now + lifetimeSeconds (Auth0 default 3600). */
  now?: Date;
  lifetimeSeconds?: number;
  issuer?: string;
  /** Issuer of the Response element only (defaults to `issuer`). */
  responseIssuer?: string;
  audience?: string;
  acsUrl?: string;
  /** Overrides of Response@Destination / SubjectConfirmationData@Recipient (null = omit). */
  destination?: string | null;
  recipient?: string | null;
  /** SP-initiated request ID (both Response and SubjectConfirmationData), or null for IdP-initiated. */
  inResponseTo?: string | null;
  notBefore?: string;
  notOnOrAfter?: string;
  subjectNotOnOrAfter?: string;
  sessionNotOnOrAfter?: string;
  nameId?: string | null;
  nameIdFormat?: string;
  /** Attribute name → value(s); arrays become one AttributeValue each (as Auth0 does). */
  attributes?: Record<string, string | string[]>;
  /** A non-Success status: the Response has no Assertion (Action api.access.deny() / thrown error). */
  status?: {
    code: string;
    message?: string;
    /** `value`: Auth0's `<samlp:StatusMessage Value="…"/>` (node-samlp samlresponse.ejs). */ messageForm?: 'text' | 'value';
  };
  responseId?: string;
  assertionId?: string;
  /** Edits the unsigned XML before signing (shapes the builder has no option for). */
  edit?: (unsignedXml: string) => string;
}

export const TEST_TENANT = {
  issuer: 'urn:flex-sso-test.eu.auth0.com',
  audience: 'urn:flex:JQ00000000000000000000000000000000',
  acsUrl: 'https://login.flex.us1.twilio.com/login/callback?connection=JQ00000000000000000000000000000000',
  requestId: '_f1e2d3c4b5a697887766554433221100',
  now: new Date('2026-01-15T10:00:00.000Z'),
} as const;

export const DEFAULT_ATTRIBUTES: Record<string, string | string[]> = {
  email: 'ana.agent@example.com',
  full_name: 'Ana Agent',
  roles: 'agent',
  team: 'RAMP',
  program: 'RAMP',
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const newResponseId = () => `_${randomBytes(10).toString('hex')}`;
export const newAssertionId = () => `_${Array.from(randomBytes(32), (b) => ALNUM[b % ALNUM.length]).join('')}`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date) => d.toISOString();

function attributeXml(attributes: Record<string, string | string[]>): string {
  return Object.entries(attributes)
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`).join('');
      return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join('');
}

/** The unsigned Auth0-shaped response XML. */
export function buildResponseXml(o: ResponseOptions = {}): string {
  const now = o.now ?? TEST_TENANT.now;
  const until = new Date(now.getTime() + (o.lifetimeSeconds ?? 3600) * 1000);
  const issuer = o.issuer ?? TEST_TENANT.issuer;
  const acs = o.acsUrl ?? TEST_TENANT.acsUrl;
  const destination = o.destination === undefined ? acs : o.destination;
  const recipient = o.recipient === undefined ? acs : o.recipient;
  const irt = o.inResponseTo === undefined ? TEST_TENANT.requestId : o.inResponseTo;
  const irtAttr = irt === null ? '' : ` InResponseTo="${esc(irt)}"`;
  const head =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="${o.responseId ?? newResponseId()}"${irtAttr} Version="2.0" IssueInstant="${iso(now)}"${destination === null ? '' : ` Destination="${esc(destination)}"`}>` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${esc(o.responseIssuer ?? issuer)}</saml:Issuer>`;
  if (o.status !== undefined) {
    const message =
      o.status.message === undefined
        ? ''
        : o.status.messageForm === 'value'
          ? `<samlp:StatusMessage Value="${esc(o.status.message)}"/>`
          : `<samlp:StatusMessage>${esc(o.status.message)}</samlp:StatusMessage>`;
    return `${head}<samlp:Status><samlp:StatusCode Value="${esc(o.status.code)}"/>${message}</samlp:Status></samlp:Response>`;
  }
  const nameId = o.nameId === undefined ? 'auth0|65a000000000000000000001' : o.nameId;
  const nameIdXml =
    nameId === null ? '' : `<saml:NameID Format="${o.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'}">${esc(nameId)}</saml:NameID>`;
  const scd = `<saml:SubjectConfirmationData NotOnOrAfter="${o.subjectNotOnOrAfter ?? iso(until)}"${recipient === null ? '' : ` Recipient="${esc(recipient)}"`}${irtAttr}/>`;
  const session = o.sessionNotOnOrAfter === undefined ? '' : ` SessionNotOnOrAfter="${o.sessionNotOnOrAfter}"`;
  return (
    `${head}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Version="2.0" ID="${o.assertionId ?? newAssertionId()}" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<saml:Subject>${nameIdXml}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">${scd}</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${o.notBefore ?? iso(now)}" NotOnOrAfter="${o.notOnOrAfter ?? iso(until)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? TEST_TENANT.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${newResponseId()}"${session}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${attributeXml(o.attributes ?? DEFAULT_ATTRIBUTES)}</saml:AttributeStatement>` +
    '</saml:Assertion></samlp:Response>'
  );
}

const ALGORITHMS = {
  sha256: { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' },
  sha512: { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512', digest: 'http://www.w3.org/2001/04/xmlenc#sha512' },
  sha1: { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' },
} as const;
const C14N = { exclusive: 'http://www.w3.org/2001/10/xml-exc-c14n#', inclusive: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' } as const;
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/**
 * Signs the Response root or the (first) Assertion; the Signature goes right after that element's Issuer.
 * `c14n` is the SignedInfo method and the Reference transform: Auth0 uses exclusive; inclusive is
 * what other signers (xmlsec1 templates) use.
 */
export function signElement(
  xml: string,
  element: 'Response' | 'Assertion',
  key: TestKey = testKey(),
  algorithm: 'sha256' | 'sha1' | 'sha512' = 'sha256',
  prefix?: string,
  c14n: keyof typeof C14N = 'exclusive',
): string {
  const alg = ALGORITHMS[algorithm];
  const target = element === 'Response' ? "/*[local-name(.)='Response']" : "/*/*[local-name(.)='Assertion']";
  const sig = new SignedXml({ privateKey: key.privateKey, publicCert: key.cert, signatureAlgorithm: alg.signature, canonicalizationAlgorithm: C14N[c14n] });
  sig.addReference({ xpath: target, transforms: [ENVELOPED, C14N[c14n]], digestAlgorithm: alg.digest });
  sig.computeSignature(xml, { ...(prefix ? { prefix } : {}), location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/** An Auth0-shaped response, signed as `sign` says (default: Response signed, as Twilio's guide asks). */
export function signedResponseXml(o: ResponseOptions = {}): string {
  const sign = o.sign ?? 'response';
  const key = o.key ?? testKey();
  const algorithm = o.algorithm ?? 'sha256';
  let xml = buildResponseXml(o);
  if (o.edit) xml = o.edit(xml);
  if ((sign === 'assertion' || sign === 'both') && o.status === undefined) xml = signElement(xml, 'Assertion', key, algorithm);
  if (sign === 'response' || sign === 'both') xml = signElement(xml, 'Response', key, algorithm);
  return xml;
}

export const toBase64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

export function signedResponseBase64(o: ResponseOptions = {}): string {
  return toBase64(signedResponseXml(o));
}

/**
 * Signs like signElement, keeping every character above U+007E as written. xml-crypto's signer parses
 * with an xmldom that turns a literal U+0085/U+2028 into LF before digesting and serialises that LF,
 * but it reads a character reference as the character itself: so those characters are written as
 * references, signed, and written literally again, which XML 1.0 defines as the same document
 * (xmlsec1 verifies the result).
 */
export function signPreservingCharacters(unsignedXml: string, element: 'Response' | 'Assertion', key: TestKey = testKey()): string {
  const refs = unsignedXml.replace(/[\u007f-\uffff]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
  return signElement(refs, element, key).replace(/&#x([0-9a-f]+);/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
