// IdP metadata in the shape Auth0 serves at /samlp/metadata/<client_id>.
import { certificateBody } from './signing.ts';
import { ATTRNAME_FORMAT_URI, BINDING_POST, BINDING_REDIRECT, NS_ASSERTION, NS_DSIG, NS_METADATA } from './types.ts';
import { escapeXml } from './xml-text.ts';

export interface IdpMetadataInput {
  issuer: string;
  certPem: string;
  /** Absolute URL of /samlp/<client_id>. */
  ssoUrl: string;
  /** Absolute URL of /samlp/<client_id>/logout. */
  sloUrl: string;
}

const ADVERTISED_ATTRIBUTES: [string, string][] = [
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'E-Mail Address'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'Given Name'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'Name'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'Surname'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier', 'Name ID'],
];

export function buildIdpMetadataXml(input: IdpMetadataInput): string {
  const sso = escapeXml(input.ssoUrl);
  const slo = escapeXml(input.sloUrl);
  const attributes = ADVERTISED_ATTRIBUTES.map(
    ([name, friendly]) => `  <Attribute Name="${name}" NameFormat="${ATTRNAME_FORMAT_URI}" FriendlyName="${friendly}" xmlns="${NS_ASSERTION}"/>`,
  ).join('\n');
  return `<EntityDescriptor entityID="${escapeXml(input.issuer)}" xmlns="${NS_METADATA}">
 <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
  <KeyDescriptor use="signing">
   <KeyInfo xmlns="${NS_DSIG}">
    <X509Data>
     <X509Certificate>${certificateBody(input.certPem)}</X509Certificate>
    </X509Data>
   </KeyInfo>
  </KeyDescriptor>
  <SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${slo}"/>
  <SingleLogoutService Binding="${BINDING_POST}" Location="${slo}"/>
  <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</NameIDFormat>
  <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>
  <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat>
  <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>
  <SingleSignOnService Binding="${BINDING_REDIRECT}" Location="${sso}"/>
  <SingleSignOnService Binding="${BINDING_POST}" Location="${sso}"/>
${attributes}
 </IDPSSODescriptor>
</EntityDescriptor>
`;
}
