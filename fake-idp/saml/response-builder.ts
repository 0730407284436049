// Pure builder of Auth0-shaped samlp:Response documents (unsigned; see signing.ts).
// The layout, prefixes, attribute order and the double spaces in the Response start tag follow
// genuine Auth0 output (test/fixtures/corpus/real/auth0-*), so SP parsers see what Auth0 sends.
import { name as isXmlName } from 'xml-name-validator';
import {
  ATTRNAME_FORMAT_BASIC,
  ATTRNAME_FORMAT_UNSPECIFIED,
  ATTRNAME_FORMAT_URI,
  NS_ASSERTION,
  NS_PROTOCOL,
  STATUS_RESPONDER,
  STATUS_SUCCESS,
  type AttributeScalar,
  type SamlAttribute,
  type SamlErrorInput,
  type SamlResponseInput,
} from './types.ts';
import { isUri } from './uri.ts';
import { auth0DateString, escapeXml, newAssertionId, newResponseId } from './xml-text.ts';

function iso(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('SAML response clock returned an invalid date');
  return date.toISOString();
}

function responseStartTag(id: string, inResponseTo: string | undefined, now: Date, destination: string): string {
  // node-samlp templates/samlresponse.ejs: `ID="…" <% if (inResponseTo) { %> InResponseTo="…" <% } %> Version`
  // renders two spaces on each side of InResponseTo, and two where it is absent (IdP-initiated).
  const irt = inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(inResponseTo)}" `;
  return `<samlp:Response xmlns:samlp="${NS_PROTOCOL}" ID="${id}" ${irt} Version="2.0" IssueInstant="${iso(now)}"  Destination="${escapeXml(destination)}">`;
}

function issuerElement(issuer: string, declareNs: boolean): string {
  const ns = declareNs ? ` xmlns:saml="${NS_ASSERTION}"` : '';
  return `<saml:Issuer${ns}>${escapeXml(issuer)}</saml:Issuer>`;
}

/**
 * node-saml lib/saml20.js getNameFormat: a URI (valid-url's is_uri) gets `uri`, an XML Name
 * (xml-name-validator) `basic`, anything else (`bad name`, `1abc`) `unspecified`.
 */
export function attributeNameFormat(name: string): string {
  if (isUri(name)) return ATTRNAME_FORMAT_URI;
  return isXmlName(name) ? ATTRNAME_FORMAT_BASIC : ATTRNAME_FORMAT_UNSPECIFIED;
}

/** xsi:type Auth0 infers from the JavaScript type of a value when typedAttributes is on. */
export function xsiType(value: AttributeScalar, typed: boolean): string {
  if (!typed) return 'xs:anyType';
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return value.$saml;
  switch (typeof value) {
    case 'string':
      return 'xs:string';
    case 'boolean':
      return 'xs:boolean';
    case 'number':
      return 'xs:double';
    default:
      return 'xs:anyType';
  }
}

/** The AttributeValue text: node-saml's `textContent = value`, i.e. the value's string conversion. */
export function attributeValueText(value: AttributeScalar): string {
  if (value instanceof Date) return auth0DateString(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return value.text;
  return String(value);
}

function attributeElement(attribute: SamlAttribute, input: SamlResponseInput): string {
  const format = input.includeAttributeNameFormat ? ` NameFormat="${attributeNameFormat(attribute.name)}"` : '';
  const values = attribute.values
    .map((v) => `<saml:AttributeValue xsi:type="${xsiType(v, input.typedAttributes)}">${escapeXml(attributeValueText(v))}</saml:AttributeValue>`)
    .join('');
  return `<saml:Attribute Name="${escapeXml(attribute.name)}"${format}>${values}</saml:Attribute>`;
}

function attributeStatement(input: SamlResponseInput): string {
  const attributes = input.attributes.filter((a) => a.values.length > 0);
  if (attributes.length === 0) return '';
  return (
    `<saml:AttributeStatement xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    attributes.map((a) => attributeElement(a, input)).join('') +
    '</saml:AttributeStatement>'
  );
}

/** node-saml writes an AudienceRestriction only `if (options.audiences)`: none without an audience. */
function conditions(notBefore: string, notOnOrAfter: string, audience: string | undefined): string {
  const open = `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"`;
  if (audience === undefined) return `${open}/>`;
  return `${open}><saml:AudienceRestriction><saml:Audience>${escapeXml(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`;
}

/** Builds the Assertion element alone (with its own namespace declaration). */
export function buildAssertionXml(input: SamlResponseInput, now: Date, assertionId: string): string {
  const instant = iso(now);
  const notOnOrAfter = iso(new Date(now.getTime() + input.lifetimeInSeconds * 1000));
  const notBefore = iso(new Date(now.getTime() + (input.notBeforeOffsetSeconds ?? 0) * 1000));
  const sessionIndex = input.ids?.sessionIndex ?? newAssertionId();
  const irt = input.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(input.inResponseTo)}"`;
  return (
    `<saml:Assertion xmlns:saml="${NS_ASSERTION}" Version="2.0" ID="${assertionId}" IssueInstant="${instant}">` +
    issuerElement(input.issuer, false) +
    '<saml:Subject>' +
    `<saml:NameID Format="${escapeXml(input.nameId.format)}">${escapeXml(input.nameId.value)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(input.recipient)}"${irt}/>` +
    '</saml:SubjectConfirmation></saml:Subject>' +
    conditions(notBefore, notOnOrAfter, input.audience) +
    `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="${sessionIndex}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${escapeXml(input.authnContextClassRef)}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    '</saml:AuthnStatement>' +
    attributeStatement(input) +
    '</saml:Assertion>'
  );
}

/** A successful login Response with one Assertion (unsigned). */
export function buildSamlResponseXml(input: SamlResponseInput, now: Date): string {
  const responseId = input.ids?.response ?? newResponseId();
  const assertionId = input.ids?.assertion ?? newAssertionId();
  return (
    responseStartTag(responseId, input.inResponseTo, now, input.destination) +
    issuerElement(input.issuer, true) +
    `<samlp:Status><samlp:StatusCode Value="${STATUS_SUCCESS}"/></samlp:Status>` +
    buildAssertionXml(input, now, assertionId) +
    '</samlp:Response>'
  );
}

/**
 * The Response Auth0 sends when an Action denies or fails (node-samlp lib/samlp.js sendError +
 * templates/samlresponse.ejs): Responder status, the message in a `Value` ATTRIBUTE of an empty
 * StatusMessage (`<samlp:StatusMessage Value="<%= samlStatusMessage %>"/>`), no Assertion.
 */
export function buildErrorResponseXml(input: SamlErrorInput, now: Date): string {
  const responseId = input.ids?.response ?? newResponseId();
  const code = input.statusCode ?? STATUS_RESPONDER;
  const message = input.message === '' ? '' : `<samlp:StatusMessage Value="${escapeXml(input.message)}"/>`;
  return (
    responseStartTag(responseId, input.inResponseTo, now, input.destination) +
    issuerElement(input.issuer, true) +
    `<samlp:Status><samlp:StatusCode Value="${escapeXml(code)}"/>${message}</samlp:Status>` +
    '</samlp:Response>'
  );
}
