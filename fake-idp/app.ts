// Assembles the emulator's Express app: Auth0's SAML endpoints and login pages, the Management API
// subset, /oauth/token, the fault admin endpoint, a JSON 404 and an error handler that never leaks
// a stack trace (browser routes get Auth0's HTML error page, API routes Auth0's JSON error body).
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { ActionRunner } from './actions/runner.ts';
import { createLoginContext, sendErrorPage, type LoginContext } from './login/context.ts';
import { loginPagesRouter } from './login/login-pages.ts';
import { lockRouter } from './login/lock-routes.ts';
import { mfaRouter } from './login/mfa.ts';
import { samlpRouter } from './login/samlp-routes.ts';
import { errorHandler as managementErrorHandler } from './management/http-errors.ts';
import { oauthRouter } from './management/oauth.ts';
import { lazyRouter } from './lazy-router.ts';
import type { RateLimitSetting } from './management/rate-limit.ts';
import { REALTIME_LOGS_PATH } from './realtime-logs/path.ts';
import type { Tenant } from './tenant/tenant.ts';

export const FAULTS_PATH = '/__emulator/faults';
export { REALTIME_LOGS_PATH };

export interface FakeIdpAppOptions {
  tenant: Tenant;
  runner: ActionRunner;
  clock: () => Date;
  publicUrl: () => string;
  secureCookies?: boolean;
  /** Management API rate limit, read on every request (default: Auth0's Free plan figures). */
  rateLimit?: () => RateLimitSetting;
}

const BROWSER_PATHS = /^\/(samlp|u\/|login|authorize|pem|cer)/;

function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (BROWSER_PATHS.test(req.path)) {
      const status = (err as { status?: number }).status;
      const clientError = typeof status === 'number' && status >= 400 && status < 500;
      return sendErrorPage(
        res,
        clientError ? status : 500,
        clientError ? 'invalid_request' : 'server_error',
        clientError ? 'The request could not be read (malformed or too large).' : 'An unexpected error occurred while processing the login.',
      );
    }
    return managementErrorHandler(err, req, res, next);
  };
}

export interface FakeIdpApp {
  app: Express;
  login: LoginContext;
}

export function createFakeIdpApp(opts: FakeIdpAppOptions): FakeIdpApp {
  const app = express();
  app.disable('x-powered-by');
  // Every login page is Cache-Control: no-store and the API is never conditionally fetched, so an
  // ETag (a hash of every body res.send writes) would only cost CPU on each response.
  app.set('etag', false);
  app.set('trust proxy', false);
  const login = createLoginContext({
    tenant: opts.tenant,
    runner: opts.runner,
    clock: opts.clock,
    publicUrl: opts.publicUrl,
    secureCookies: opts.secureCookies ?? false,
  });
  app.use(samlpRouter(login));
  app.use(loginPagesRouter(login));
  app.use(lockRouter(login), mfaRouter(login));
  app.use(
    FAULTS_PATH,
    lazyRouter(async () => (await import('./faults/router.ts')).faultsRouter(opts.tenant)),
  );
  app.use(
    REALTIME_LOGS_PATH,
    lazyRouter(async () => (await import('./realtime-logs/router.ts')).realtimeLogsRouter(opts.tenant)),
  );
  app.use(
    '/api/v2',
    lazyRouter(async () =>
      (await import('./management/router.ts')).managementRouter(opts.tenant, {
        clock: opts.clock,
        ...(opts.rateLimit === undefined ? {} : { rateLimit: opts.rateLimit }),
      }),
    ),
  );
  app.use(
    '/__emulator/users-exports',
    lazyRouter(async () => (await import('./management/routes/jobs-files.ts')).jobFilesRouter(opts.tenant)),
  );
  app.use(oauthRouter(opts.tenant, { clock: opts.clock }));
  app.use((req, res) => {
    res.status(404).json({ statusCode: 404, error: 'Not Found', message: `Not Found: ${req.method} ${req.path}` });
  });
  app.use(errorHandler());
  return { app, login };
}
