// A login without a browser: what the Action emitted goes through the emulator's own response
// builder (fake-idp/saml/login-response.ts buildLoginResponse: the addon's claim mapping, then the
// Action's attributes, node-saml's value conversion, a real RSA signature) and the SAMLResponse is
// judged by the fake SP's pipeline (fake-sp/pipeline validateResponse, `flex` check included) with
// the signing certificate pinned. Nothing is copied: the verdict is the one the fake SP would give.
import type { PostLoginOutcome } from '../../fake-idp/actions/runner.ts';
import { withAuth0Defaults, type UserLike } from '../../fake-idp/actions/event.ts';
import { planFaults } from '../../fake-idp/faults/plan.ts';
import { buildLoginResponse } from '../../fake-idp/saml/login-response.ts';
import { generateSigningKeyInBackground, type SigningKey } from '../../fake-idp/tenant/signing-key.ts';
import type { Fault, SamlpAddon, User } from '../../fake-idp/tenant/types.ts';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import type { Verdict } from '../../fake-sp/pipeline/types.ts';
import { resolveProfile } from '../../fake-sp/server/profiles.ts';
import { DEFAULT_ACCOUNT_SID, DEFAULT_CONNECTION_ID } from '../serve/profiles.ts';

/** The tenant the dry login pretends to be (never contacted). */
export const DRY_TENANT_DOMAIN = 'action-test.flex-sso.local';
const DRY_CLIENT_ID = 'flex-sso-action-test';
const SP_BASE_URL = 'https://flex-sso.local';

export interface DryLoginInput {
  user: UserLike;
  outcome: PostLoginOutcome;
  now: Date;
  /** The Flex SSO profile (default enhanced). */
  profile?: 'enhanced' | 'legacy';
  /** Addon overrides on top of Twilio's guide (a scenario's `addon:`; `audience: null` removes it). */
  addon?: Omit<SamlpAddon, 'audience'> & { audience?: string | null };
  /** A scenario's emulator fault (faults/plan.ts turns it into the same response tweaks). */
  fault?: Pick<Fault, 'kind' | 'attribute' | 'delayMs'>;
}

export type DryLogin =
  | { kind: 'response'; verdict: Verdict; samlResponse: string }
  /** The emulator answers an http-500 fault with an error page, never a SAML response. */
  | { kind: 'error-page'; status: number };

let signingKey: Promise<SigningKey> | undefined;

/** One RSA key per process: the prime search runs once, off the event loop. */
function dryKey(now: Date): Promise<SigningKey> {
  signingKey ??= generateSigningKeyInBackground(DRY_TENANT_DOMAIN, now);
  return signingKey;
}

/** The stored user the addon mappings read (the profile as it was before the Action ran). */
function storedUser(input: UserLike, now: Date): User {
  const user = withAuth0Defaults(input, now.toISOString());
  const { multifactor: _mfa, username: _u, phone_number: _p, phone_verified: _pv, last_password_reset: _l, ...stored } = user;
  return { ...stored, logins_count: input.logins_count ?? 0, password_hash: '' };
}

export async function dryLogin(input: DryLoginInput): Promise<DryLogin> {
  const { now, outcome } = input;
  const plan = planFaults(input.fault ? [{ id: 'dry', ...input.fault }] : [], now);
  if (plan.http500) return { kind: 'error-page', status: 500 };
  const profile = resolveProfile(
    input.profile === 'legacy' ? { kind: 'legacy', accountSid: DEFAULT_ACCOUNT_SID } : { kind: 'enhanced', connectionId: DEFAULT_CONNECTION_ID },
    SP_BASE_URL,
  );
  // As harness/run/seed.ts addonFor configures the app: Twilio's guide plus the overrides.
  const { audience, ...rest } = input.addon ?? {};
  const addon: SamlpAddon = {
    binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    signResponse: true,
    ...(audience === null ? {} : { audience: audience ?? profile.audience }),
    ...rest,
  };
  const key = await dryKey(now);
  const failure = outcome.denied?.reason ?? outcome.error?.message;
  const response = await buildLoginResponse({
    user: storedUser(input.user, now),
    client: { client_id: DRY_CLIENT_ID, addons: { samlp: addon } },
    tenantIssuer: `urn:${DRY_TENANT_DOMAIN}`,
    acsUrl: profile.acsUrl,
    action: { ...(failure === undefined ? {} : { failure }), attributes: outcome.saml.attributes, overrides: outcome.saml.overrides },
    signingKey: key,
    tweaks: plan.tweaks,
    now,
  });
  const samlResponse = Buffer.from(response.xml, 'utf8').toString('base64');
  const verdict = validateResponse(
    samlResponse,
    {
      certificates: [key.certPem],
      issuer: `urn:${DRY_TENANT_DOMAIN}`,
      audience: profile.audience,
      acsUrl: profile.acsUrl,
    },
    now,
  );
  return { kind: 'response', verdict, samlResponse };
}
