// SP-initiated login and SP metadata, built with samlify. samlify only builds here: the verdict on
// the answer comes from our own pipeline, never from samlify, so its schema validator (used by its
// parsing flows only) refuses everything instead of loading an XML schema engine (a slow start: BENCHMARKS.md).
//   GET /login?profile=enhanced|legacy[&connection=JQ…|&account=AC…][&relayState=…][&scenario=…]
//     → 302 to the IdP SSO URL with a deflated SAMLRequest (HTTP-Redirect); the request ID is kept
//       as outstanding (with expiry) for the inResponseTo check. No ssoUrl configured → 409.
//   GET /metadata?profile=…  → SP metadata (entity ID = audience, ACS = HTTP-POST endpoint).
import { Router } from 'express';
import type { Request, Response } from 'express';
import * as samlify from 'samlify';
import type { SpContext } from '../context.ts';
import { isProfileKind } from '../profiles.ts';
import type { ResolvedProfile } from '../profiles.ts';
import { sendError } from '../respond.ts';

samlify.setSchemaValidator({
  validate: () => Promise.reject(new Error('the fake SP does not parse SAML with samlify: fake-sp/pipeline validates every response')),
});

const BINDING = samlify.Constants.namespace.binding;
const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

export function spInitiatedRouter(ctx: SpContext): Router {
  const router = Router();
  const spCache = new Map<string, ReturnType<typeof samlify.ServiceProvider>>();
  const serviceProvider = (profile: ResolvedProfile) => {
    let sp = spCache.get(profile.acsUrl);
    if (!sp) {
      sp = samlify.ServiceProvider({
        entityID: profile.audience,
        assertionConsumerService: [{ Binding: BINDING.post, Location: profile.acsUrl }],
        authnRequestsSigned: false,
        // What the pipeline accepts: a Response-only signature passes (Auth0's `signResponse: true`,
        // which Twilio's Flex SSO guide has the addon set), so the SP does not require a signed
        // Assertion; SAML metadata has no attribute for "signed Response" (saml-metadata-2.0 2.4.4).
        wantAssertionsSigned: false,
        nameIDFormat: [NAMEID_UNSPECIFIED],
      });
      spCache.set(profile.acsUrl, sp);
    }
    return sp;
  };

  router.get('/login', (req, res) => {
    const profile = selectProfile(ctx, req, res);
    if (!profile) return;
    const idp = ctx.idp();
    if (!idp.ssoUrl) {
      return sendError(req, res, 409, {
        code: 'SP_NO_SSO_URL',
        message: 'SP-initiated login needs the IdP SSO URL, and the fake SP has none configured',
        hint: 'start the fake SP with idp.ssoUrl (Auth0: https://<tenant>/samlp/<client_id>?connection=Username-Password-Authentication), or use IdP-initiated login',
      });
    }
    const relayState = singleString(req.query.relayState);
    const scenarioId = singleString(req.query.scenario);
    const samlIdp = samlify.IdentityProvider({
      entityID: idp.issuer ?? 'urn:unknown-idp',
      singleSignOnService: [{ Binding: BINDING.redirect, Location: idp.ssoUrl }],
      singleLogoutService: [{ Binding: BINDING.redirect, Location: logoutUrl(idp.ssoUrl) }],
      wantAuthnRequestsSigned: false,
    });
    const request = serviceProvider(profile).createLoginRequest(samlIdp, 'redirect', relayState === undefined ? {} : { relayState });
    const now = ctx.clock();
    ctx.outstanding.add({ id: request.id, acsUrl: profile.acsUrl, relayState, scenarioId, expiresAt: now.getTime() + ctx.outstanding.ttlMs }, now);
    res.set('X-Request-Id', request.id).redirect(302, request.context);
  });

  router.get('/metadata', (req, res) => {
    const profile = selectProfile(ctx, req, res);
    if (!profile) return;
    res.type('application/xml').send(serviceProvider(profile).getMetadata());
  });
  return router;
}

function singleString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Auth0's SAML logout endpoint sits next to the SSO endpoint (`/samlp/<client_id>/logout`). */
function logoutUrl(ssoUrl: string): string {
  try {
    const url = new URL(ssoUrl);
    url.search = '';
    url.pathname = `${url.pathname.replace(/\/$/, '')}/logout`;
    return url.toString();
  } catch {
    return ssoUrl;
  }
}

/** The profile a request names (`profile`, optionally `connection`/`account`), or the only one; else answers 400/404. */
function selectProfile(ctx: SpContext, req: Request, res: Response): ResolvedProfile | undefined {
  const kindParam = req.query.profile;
  if (kindParam !== undefined && !isProfileKind(kindParam)) {
    sendError(req, res, 400, {
      code: 'SP_BAD_PROFILE',
      message: `query "profile": expected "enhanced" or "legacy", received ${JSON.stringify(kindParam)}`,
      hint: 'use ?profile=enhanced or ?profile=legacy',
    });
    return undefined;
  }
  const sid = singleString(req.query.connection) ?? singleString(req.query.account);
  const candidates = ctx.profiles.filter((p) => (kindParam === undefined || p.kind === kindParam) && (sid === undefined || p.sid === sid));
  const kinds = new Set(candidates.map((p) => p.kind));
  if (candidates.length === 0) {
    sendError(req, res, 404, {
      code: 'SP_UNKNOWN_PROFILE',
      message: `no configured Flex profile matches ${JSON.stringify({ profile: kindParam, sid })}`,
      hint: `configured: ${ctx.profiles.map((p) => `${p.kind} ${p.sid}`).join(', ')}`,
    });
    return undefined;
  }
  if (kindParam === undefined && kinds.size > 1) {
    sendError(req, res, 400, {
      code: 'SP_PROFILE_REQUIRED',
      message: 'both Enhanced and Legacy profiles are configured: query "profile" is required',
      hint: 'add ?profile=enhanced or ?profile=legacy',
    });
    return undefined;
  }
  return candidates[0];
}
