// The fake Flex SP's Express app: routes plus a final error handler, so no request ends in an
// unhandled exception or an HTML stack trace. The ACS handles its own input errors (they are
// recorded with a verdict); what reaches the error handler here is a client error from a parser
// (answered with its 4xx) or a bug (500, message only, no stack).
import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import type { SpContext } from './context.ts';
import { LoginEvents } from './dashboard/login-events.ts';
import { sendError } from './respond.ts';
import { acsRouter } from './routes/acs.ts';
import { apiRouter } from './routes/api.ts';
import { dashboardRouter } from './routes/dashboard.ts';
import { landingRouter } from './routes/landing.ts';
import { spInitiatedRouter } from './routes/sp-initiated.ts';

/** `events` pushes each recorded login to open dashboard pages; the caller closes it on shutdown. */
export function createApp(ctx: SpContext, events: LoginEvents = new LoginEvents()): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Open dashboard pages get every login the store records, whichever route recorded it.
  ctx.store.subscribe((record) => events.publish(record));
  app.use(acsRouter(ctx));
  app.use(spInitiatedRouter(ctx));
  app.use(apiRouter(ctx));
  app.use(landingRouter(ctx));
  app.use(dashboardRouter(ctx, events));
  app.use((req, res) => {
    sendError(req, res, 404, {
      code: 'NOT_FOUND',
      message: `no route for ${req.method} ${req.path}`,
      hint: 'see GET / for the ACS URLs, /login, /metadata and /api/logins',
    });
  });
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const e = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; type?: unknown; message?: unknown };
  const status = typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : 500;
  const message = typeof e.message === 'string' ? e.message : String(error);
  sendError(
    req,
    res,
    status,
    status === 500
      ? {
          code: 'SP_INTERNAL_ERROR',
          message: `internal error in the fake SP: ${message}`,
          hint: 'this is a bug in the fake SP; report it with the request that caused it',
        }
      : { code: 'SP_BAD_REQUEST', message: `${typeof e.type === 'string' ? `${e.type}: ` : ''}${message}`, hint: 'fix the request' },
  );
};
