// Starts a real emulator on 127.0.0.1:0 with one SAML app and one user, for login tests.
import { startFakeIdp, type RunningIdp } from '../../../fake-idp/server.ts';
import type { SamlpAddon } from '../../../fake-idp/tenant/types.ts';
import { browse, CookieJar, parseForm, submitCredentials, type ParsedForm, type Variant } from './http-client.ts';

export const ACS_URL = 'http://127.0.0.1:9/acs';
export const SP_ENTITY_ID = 'urn:flex:JQ00000000000000000000000000000000';
export const PASSWORD = 'Correct-Horse-9';
export const EMAIL = 'agent.one@example.com';

export async function startIdpFixture(opts: { addon?: SamlpAddon; variant?: Variant; clock?: () => Date } = {}): Promise<RunningIdp> {
  const idp = await startFakeIdp({ ...(opts.clock ? { clock: opts.clock } : {}) });
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [ACS_URL], addons: { samlp: opts.addon ?? {} } });
  idp.tenant.state.settings.universalLogin = opts.variant ?? 'single-page';
  idp.tenant.createUser({
    email: EMAIL,
    password: PASSWORD,
    name: 'Agent One',
    given_name: 'Agent',
    family_name: 'One',
    app_metadata: { flex: { roles: ['agent'] } },
  });
  return idp;
}

/** IdP-initiated login over HTTP; returns the auto-POST form the browser would submit. */
export async function httpLogin(
  idp: RunningIdp,
  opts: { variant?: Variant; email?: string; password?: string; startUrl?: string; jar?: CookieJar } = {},
): Promise<{ form: ParsedForm | undefined; html: string; status: number; contentType: string; url: string }> {
  const jar = opts.jar ?? new CookieJar();
  const loginPage = await browse(jar, opts.startUrl ?? `${idp.samlUrl()}?RelayState=rs-1`);
  const result = await submitCredentials(jar, loginPage, opts.variant ?? 'single-page', opts.email ?? EMAIL, opts.password ?? PASSWORD);
  return { form: parseForm(result.html, result.url), html: result.html, status: result.status, contentType: result.contentType, url: result.url };
}

export function decodeSamlResponse(form: ParsedForm | undefined): string {
  const value = form?.fields.SAMLResponse;
  if (!value) throw new Error('no SAMLResponse in the form');
  return Buffer.from(value, 'base64').toString('utf8');
}
