// Gathers what `doctor` inspects: the SAML app, the post-login bindings, the tenant's signing
// certificate (/pem) and its IdP metadata (/samlp/metadata/<client_id>), over HTTPS.
import { DOMParser } from '@xmldom/xmldom';
import { parseMetadataCertificates } from '../decode/certificates.ts';
import type { Auth0Admin, BindingInfo, LoginProtectionsInfo, Readable, SamlClientInfo, SigningKeyInfo } from './types.ts';

const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const MAX_BYTES = 1024 * 1024;

export type Fetched<T> = { ok: true; value: T } | { ok: false; error: string };

export interface IdpMetadata {
  issuer?: string;
  certificates: string[];
  ssoUrls: string[];
}

export interface DoctorInputs {
  domain: string;
  clientId: string;
  client: SamlClientInfo;
  bindings: BindingInfo[];
  signingCertPem: Fetched<string>;
  metadata: Fetched<IdpMetadata>;
  /** GET /api/v2/keys/signing (absent: not read). */
  signingKeys?: Readable<SigningKeyInfo[]>;
  /** MFA, bot detection and brute-force settings (absent: not read). */
  protections?: LoginProtectionsInfo;
}

export function parseIdpMetadata(xml: string): IdpMetadata {
  const { certificates, entityId } = parseMetadataCertificates(xml, 'IdP metadata');
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const ssoUrls = Array.from(doc.getElementsByTagNameNS(MD_NS, 'SingleSignOnService'))
    .map((el) => el.getAttribute('Location'))
    .filter((x): x is string => Boolean(x));
  return { ...(entityId ? { issuer: entityId } : {}), certificates, ssoUrls: [...new Set(ssoUrls)] };
}

async function fetchText(url: string, fetchFn: typeof fetch): Promise<Fetched<string>> {
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(15_000), redirect: 'error' });
    const text = await response.text();
    if (!response.ok) return { ok: false, error: `GET ${url} answered HTTP ${response.status}` };
    if (text.length > MAX_BYTES) return { ok: false, error: `GET ${url}: body larger than ${MAX_BYTES} bytes` };
    return { ok: true, value: text };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: `GET ${url} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}` };
  }
}

export async function gatherDoctorInputs(admin: Auth0Admin, domain: string, clientId: string, fetchFn: typeof fetch = globalThis.fetch): Promise<DoctorInputs> {
  const client = await admin.getClient(clientId);
  // A binding's embedded action may omit the code: read each bound Action for its deployed version.
  const bindings: BindingInfo[] = [];
  for (const binding of await admin.listPostLoginBindings()) {
    bindings.push(binding.action.id ? { ...binding, action: await admin.getAction(binding.action.id) } : binding);
  }
  const base = `https://${domain}`;
  const pem = await fetchText(`${base}/pem`, fetchFn);
  const rawMetadata = await fetchText(`${base}/samlp/metadata/${encodeURIComponent(clientId)}`, fetchFn);
  let metadata: Fetched<IdpMetadata>;
  if (!rawMetadata.ok) metadata = rawMetadata;
  else {
    try {
      metadata = { ok: true, value: parseIdpMetadata(rawMetadata.value) };
    } catch (error) {
      metadata = { ok: false, error: `IdP metadata unreadable: ${(error as Error).message}` };
    }
  }
  const protections = await admin.readLoginProtections();
  const signingKeys = await admin.listSigningKeys?.();
  return { domain, clientId, client, bindings, signingCertPem: pem, metadata, protections, ...(signingKeys ? { signingKeys } : {}) };
}
