// Auth0's SAML IdP endpoints: /samlp/:clientId (SSO, both bindings), metadata, /pem, /cer, logout.
import express, { type Request, type Response } from 'express';
import { DATABASE_CONNECTION } from '../actions/event.ts';
import { decodeSamlRequest, parseAuthnRequest } from '../saml/authn-request.ts';
import { buildLogoutResponseXml, parseLogoutRequest } from '../saml/logout.ts';
import { buildIdpMetadataXml } from '../saml/metadata.ts';
import { DEFAULT_DIGEST_ALGORITHM, DEFAULT_SIGNATURE_ALGORITHM } from '../saml/settings.ts';
import { certificateBody, signRootElement } from '../saml/signing.ts';
import type { Application } from '../tenant/types.ts';
import { completeLogin } from './complete-login.ts';
import { clearSessionCookie, sendErrorPage, sendHtml, sendRedirect, type LoginContext } from './context.ts';
import { autoPostFormHtml, loggedOutHtml } from './pages.ts';
import { loginPagePath } from './login-pages.ts';
import { readCookie, SESSION_COOKIE } from './transactions.ts';

type Params = { clientId: string };

/** A string request parameter from the query (Redirect binding) or the form body (POST binding). */
export function param(req: Request, name: string): string | undefined {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fromBody = body[name];
  if (typeof fromBody === 'string') return fromBody;
  const fromQuery = (req.query as Record<string, unknown>)[name];
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

function findApp(ctx: LoginContext, req: Request<Params>, res: Response): Application | undefined {
  const app = ctx.tenant.getApplication(req.params.clientId);
  if (!app) sendErrorPage(res, 404, 'invalid_request', `Unknown client: ${req.params.clientId}`);
  return app;
}

function samlRequestXml(req: Request, res: Response, name: 'SAMLRequest'): string | undefined | null {
  const value = param(req, name);
  if (value === undefined) return undefined;
  const binding = typeof (req.body as Record<string, unknown> | undefined)?.[name] === 'string' ? 'post' : 'redirect';
  const decoded = decodeSamlRequest(value, binding);
  if (!decoded.ok) {
    sendErrorPage(res, 400, 'invalid_request', decoded.message);
    return null;
  }
  return decoded.xml;
}

async function sso(ctx: LoginContext, req: Request<Params>, res: Response): Promise<void> {
  const app = findApp(ctx, req, res);
  if (!app) return;
  const named = param(req, 'connection');
  const connection = named ?? DATABASE_CONNECTION;
  if (connection !== DATABASE_CONNECTION) {
    return sendErrorPage(res, 400, 'invalid_request', `the connection was disabled or does not exist: ${connection}`);
  }
  // Enabled connections per application: Auth0 answers "invalid_request: the connection was disabled"
  // for a named connection the app may not use (docs: configure-onelogin-as-saml-identity-provider),
  // and "no connections enabled for the client" without one (docs: okta express-configuration).
  if (!ctx.tenant.connectionEnabledFor(app.client_id)) {
    return sendErrorPage(
      res,
      400,
      'invalid_request',
      named === undefined
        ? 'no connections enabled for the client'
        : `the connection was disabled: ${connection} is not enabled for the application "${app.name}" (Applications → ${app.name} → Connections)`,
    );
  }
  const xml = samlRequestXml(req, res, 'SAMLRequest');
  if (xml === null) return;
  let acsUrl: string | undefined;
  let inResponseTo: string | undefined;
  let authnRequestIssuer: string | undefined;
  if (xml !== undefined) {
    const parsed = parseAuthnRequest(xml);
    if (!parsed.ok) return sendErrorPage(res, 400, 'invalid_request', parsed.message);
    inResponseTo = parsed.request.id;
    authnRequestIssuer = parsed.request.issuer;
    acsUrl = parsed.request.assertionConsumerServiceUrl ?? app.callbacks[0];
    if (acsUrl !== undefined && !app.callbacks.includes(acsUrl)) {
      return sendErrorPage(
        res,
        400,
        'invalid_request',
        `Callback URL mismatch. ${acsUrl} is not in the list of allowed callback URLs of the application "${app.name}". Add it to the application's Allowed Callback URLs.`,
      );
    }
  } else {
    // IdP-initiated: Auth0 posts to the app's callback (or the addon's recipient).
    acsUrl = app.callbacks[0] ?? app.addons.samlp?.recipient;
  }
  if (acsUrl === undefined) {
    return sendErrorPage(
      res,
      400,
      'invalid_request',
      `The application "${app.name}" has no Allowed Callback URL to send the SAML response to. Add the SP's ACS URL to its callbacks.`,
    );
  }
  const relayState = param(req, 'RelayState');
  const now = ctx.clock();
  const tx = ctx.transactions.begin(
    {
      clientId: app.client_id,
      acsUrl,
      connection,
      ...(relayState === undefined ? {} : { relayState }),
      ...(inResponseTo === undefined ? {} : { inResponseTo }),
      ...(authnRequestIssuer === undefined ? {} : { authnRequestIssuer }),
    },
    now,
  );

  // An existing IdP session logs the user in without showing the form (Auth0 SSO).
  const session = ctx.sessions.get(readCookie(req.get('cookie'), SESSION_COOKIE), now);
  const sessionUser = session ? ctx.tenant.getUser(session.userId) : undefined;
  if (sessionUser && !sessionUser.blocked) return completeLogin(ctx, tx, sessionUser, req, res, { sso: true });

  sendRedirect(res, `${loginPagePath(ctx.tenant.state.settings.universalLogin)}?state=${encodeURIComponent(tx.state)}`);
}

function metadata(ctx: LoginContext, req: Request<Params>, res: Response): void {
  const app = findApp(ctx, req, res);
  if (!app) return;
  const base = `${ctx.publicUrl()}/samlp/${encodeURIComponent(app.client_id)}`;
  const xml = buildIdpMetadataXml({
    issuer: app.addons.samlp?.issuer ?? ctx.tenant.issuer,
    certPem: ctx.tenant.state.signing.certPem,
    ssoUrl: base,
    sloUrl: `${base}/logout`,
  });
  res.type('application/xml; charset=utf-8').send(xml);
}

async function logout(ctx: LoginContext, req: Request<Params>, res: Response): Promise<void> {
  const app = findApp(ctx, req, res);
  if (!app) return;
  ctx.sessions.end(readCookie(req.get('cookie'), SESSION_COOKIE));
  clearSessionCookie(ctx, res);
  const xml = samlRequestXml(req, res, 'SAMLRequest');
  if (xml === null) return;
  if (xml === undefined) return sendHtml(res, 200, loggedOutHtml());
  const parsed = parseLogoutRequest(xml);
  if (!parsed.ok) return sendErrorPage(res, 400, 'invalid_request', parsed.message);
  const destination = app.addons.samlp?.logout?.callback ?? app.callbacks[0];
  if (!destination) return sendHtml(res, 200, loggedOutHtml());
  const addon = app.addons.samlp ?? {};
  const response = await signRootElement(
    buildLogoutResponseXml({ issuer: addon.issuer ?? ctx.tenant.issuer, destination, inResponseTo: parsed.request.id }, ctx.clock()),
    // Auth0's default algorithms (RSA-SHA1/SHA-1) sign its LogoutResponses too (capture auth0-devtenant-jackson-slo).
    {
      key: ctx.tenant.state.signing,
      signatureAlgorithm: addon.signatureAlgorithm ?? DEFAULT_SIGNATURE_ALGORITHM,
      digestAlgorithm: addon.digestAlgorithm ?? DEFAULT_DIGEST_ALGORITHM,
    },
  );
  const relayState = param(req, 'RelayState');
  sendHtml(
    res,
    200,
    autoPostFormHtml({ acsUrl: destination, samlResponse: Buffer.from(response).toString('base64'), ...(relayState === undefined ? {} : { relayState }) }),
  );
}

export function samlpRouter(ctx: LoginContext): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 50 });
  router.get('/samlp/metadata/:clientId', (req, res) => metadata(ctx, req, res));
  router.get('/pem', (_req, res) => {
    res
      .type('application/x-pem-file')
      .attachment(`${ctx.tenant.domain.replace(/[^a-zA-Z0-9.-]/g, '_')}.pem`)
      .send(ctx.tenant.state.signing.certPem);
  });
  router.get('/cer', (_req, res) => {
    res
      .type('application/pkix-cert')
      .attachment(`${ctx.tenant.domain.replace(/[^a-zA-Z0-9.-]/g, '_')}.cer`)
      .send(Buffer.from(certificateBody(ctx.tenant.state.signing.certPem), 'base64'));
  });
  router.all('/samlp/:clientId/logout', form, (req, res) => logout(ctx, req, res));
  router.get('/samlp/:clientId', (req, res) => sso(ctx, req, res));
  router.post('/samlp/:clientId', form, (req, res) => sso(ctx, req, res));
  return router;
}
