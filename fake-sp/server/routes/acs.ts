// The two Flex ACS endpoints: Enhanced `POST /login/callback?connection=JQ…` and Legacy
// `POST /v1/Accounts/AC…/saml2`.
//
// Decisions (the ACS is what Auth0's auto-POST form hits, cross-site, in a real browser):
// - Only `application/x-www-form-urlencoded` bodies (SAMLResponse, RelayState); no CSRF/Origin
//   check (the POST is cross-site by design); no cookies: logins are correlated by RelayState and
//   InResponseTo.
// - EVERY POST that reaches a configured ACS is recorded, valid or not, and the record is fsync'ed
//   before the answer: a login the SP acknowledged is never lost. If the record cannot be written
//   the answer is 503 and the login is not accepted (its assertion ID and request stay usable).
// - Answers: valid → 302 (Enhanced) / 303 with `?Token=` (Legacy) to the landing page;
//   unreadable input (body too large, not a form, no SAMLResponse, decode/parse failed) → 400;
//   a readable response that fails validation → 403 (Flex shows an error page). Both carry the
//   verdict, JSON when `Accept: application/json`, HTML otherwise. Never a 500 for bad input.
// - A POST to an unknown connection id / account SID is not one of this SP's ACS endpoints: 404
//   with the configured ACS URLs in the message, and NOT recorded (there is no profile, hence no
//   expectation, to judge it against).
// - Every answer carries `X-Login-Id` when a record was written.
// - The pipeline runs on a worker thread (fake-sp/judge), so other requests are answered while a
//   response is judged; past the deadline the worker is stopped and the POST gets a recorded 400
//   with `decode` failed DECODE_TOO_EXPENSIVE (one hostile POST held the thread for minutes).
// - This thread only receives the body's bytes (../acs-body.ts) and moves them to the worker, which
//   reads the form, judges, and encodes the SAMLResponse, RelayState and decoded XML as JSON text;
//   here the lookups are answered, the record line assembled from those bytes, and the answer sent.
//   Reading the form, stringifying the record and the answer of a large POST here made every GET
//   that arrived meanwhile wait (docs/benchmarks-history.md "The ACS's own thread per POST").
import { applyRelayStateRule } from '../profile-settings.ts';
import { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { JudgedPost } from '../../judge/pool.ts';
import type { PlainSpPolicy } from '../../judge/protocol.ts';
import { settle } from '../../judge/settle.ts';
import type { Verdict } from '../../pipeline/types.ts';
import type { EncodedMembers, LoginRecord } from '../../store/login-store.ts';
import { acsBodyReader, type AcsBody } from '../acs-body.ts';
import { LANDING_PATH, legacyToken } from '../context.ts';
import type { SpContext } from '../context.ts';
import { isMalformed, malformedVerdict } from '../malformed-verdict.ts';
import type { OutstandingRequest } from '../outstanding-requests.ts';
import { ENHANCED_ACS_PATH, legacyAcsPath } from '../../../flex/profile.ts';
import { findProfile } from '../profiles.ts';
import type { FlexProfileKind } from '../../../flex/profile.ts';
import type { ResolvedProfile } from '../profiles.ts';
import { sendError, sendVerdict } from '../respond.ts';

interface Claim {
  assertionId?: string;
  request?: OutstandingRequest;
}
interface AcsPost {
  samlResponse: string;
  relayState?: string;
  verdict: Verdict;
  claim: Claim;
  /** JSON text of the large values, encoded by the worker (absent when the body never reached one). */
  encoded?: EncodedMembers;
  xmlJson?: Uint8Array;
}
type ReadBody = (req: Request, res: Response) => Promise<AcsBody>;

export function acsRouter(ctx: SpContext): Router {
  const router = Router();
  const readBody = acsBodyReader(ctx.maxBodyBytes);
  router.post(ENHANCED_ACS_PATH, async (req, res) => {
    const profile = findProfile(ctx.profiles, 'enhanced', req.query.connection);
    if (!profile) return unknownAcs(ctx, req, res, 'enhanced', `connection ${JSON.stringify(req.query.connection ?? null)}`);
    await handlePost(ctx, readBody, profile, req, res);
  });
  router.post(legacyAcsPath(':accountSid'), async (req, res) => {
    const profile = findProfile(ctx.profiles, 'legacy', req.params.accountSid);
    if (!profile) return unknownAcs(ctx, req, res, 'legacy', `account ${JSON.stringify(req.params.accountSid)}`);
    await handlePost(ctx, readBody, profile, req, res);
  });
  const postOnly: RequestHandler = (req, res) => {
    res.set('Allow', 'POST');
    sendError(req, res, 405, {
      code: 'ACS_POST_ONLY',
      message: `the ACS ${req.path} takes only an HTTP POST (SAML HTTP-POST binding), received ${req.method}`,
      hint: 'set the Auth0 SAML addon `binding` to urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST (Flex supports only HTTP-POST)',
    });
  };
  router.get(ENHANCED_ACS_PATH, postOnly);
  router.get(legacyAcsPath(':accountSid'), postOnly);
  return router;
}

function unknownAcs(ctx: SpContext, req: Request, res: Response, kind: FlexProfileKind, what: string): void {
  const configured = ctx.profiles.filter((p) => p.kind === kind).map((p) => p.acsUrl);
  sendError(req, res, 404, {
    code: kind === 'enhanced' ? 'ACS_UNKNOWN_CONNECTION' : 'ACS_UNKNOWN_ACCOUNT',
    message: `no ${kind} Flex profile for ${what} at this SP; configured ${kind} ACS URLs: ${configured.length > 0 ? configured.join(', ') : 'none'}`,
    hint: 'set the Auth0 SAML addon callback (and recipient/destination) to one of the configured ACS URLs, or start the fake SP with this profile',
  });
}

async function handlePost(ctx: SpContext, readBody: ReadBody, profile: ResolvedProfile, req: Request, res: Response): Promise<void> {
  const now = ctx.clock();
  const post = await readPost(ctx, readBody, profile, req, res, now);
  const { verdict, claim } = post;
  const httpStatus = verdict.valid ? profile.successStatus : isMalformed(verdict) ? 400 : 403;
  const inResponseTo = verdict.facts.inResponseTo;
  const request = claim.request ?? (inResponseTo === undefined ? undefined : ctx.outstanding.peek(inResponseTo, now));
  const registered = ctx.registrations.get(post.relayState);
  const pattern = registered?.pattern ?? ctx.pattern;
  let record: LoginRecord;
  try {
    record = await ctx.store.append(
      {
        receivedAt: now.toISOString(),
        profile: profile.kind,
        acsUrl: profile.acsUrl,
        relayState: post.relayState,
        samlResponse: post.samlResponse,
        verdict,
        httpStatus,
        email: verdict.flex.email,
        roles: verdict.flex.roles,
        nameId: verdict.facts.nameId,
        scenarioId: request?.scenarioId ?? registered?.scenarioId,
        ...(registered ? { expectation: registered.expectation } : {}),
        ...(pattern === undefined ? {} : { pattern }),
      },
      post.encoded,
    );
  } catch (error) {
    // Not recorded → not accepted: release the assertion ID and the request so a retry can succeed.
    if (claim.assertionId !== undefined) ctx.replay.delete(claim.assertionId);
    if (claim.request) ctx.outstanding.restore(claim.request);
    sendError(req, res, 503, {
      code: 'ACS_STORE_FAILED',
      message: `the login could not be recorded in ${ctx.store.path}: ${error instanceof Error ? error.message : String(error)}; it was NOT accepted`,
      hint: 'check that the store directory is writable and the disk has space, then post the login again',
    });
    return;
  }
  res.set('X-Login-Id', record.id);
  if (!verdict.valid) return sendVerdict(req, res, httpStatus, record.id, verdict, post.xmlJson);
  const query = profile.kind === 'enhanced' ? `login=${encodeURIComponent(record.id)}` : `Token=${legacyToken(record.id)}`;
  res.redirect(httpStatus, `${ctx.baseUrl}${LANDING_PATH}?${query}`);
}

/**
 * Marks an accepted response's assertion ID as seen and consumes the request it answers. Called in
 * the same synchronous step as the replay and InResponseTo lookups (settle, after the worker's
 * verdict), so a concurrent POST of the same assertion can never pass the replay check in between.
 */
function claimAccepted(ctx: SpContext, verdict: Verdict, now: Date): Claim {
  if (!verdict.valid) return {};
  const { assertionId, replayUntil, inResponseTo } = verdict.facts;
  if (assertionId !== undefined) ctx.replay.add(assertionId, replayUntil, now);
  return { assertionId, request: inResponseTo === undefined ? undefined : ctx.outstanding.take(inResponseTo, now) };
}

/** Reads the body and has a worker read the form and judge it; any problem with the request itself becomes a malformed verdict. */
async function readPost(ctx: SpContext, readBody: ReadBody, profile: ResolvedProfile, req: Request, res: Response, now: Date): Promise<AcsPost> {
  const read = await readBody(req, res);
  if (read.problem !== undefined) return { samlResponse: '', claim: {}, verdict: malformedVerdict(read.problem) };
  const judged = await judgeOffThread(ctx, profile, read, now);
  const { fields } = judged;
  // From here to the claim: one synchronous step (no await), see claimAccepted.
  const settled = settle(judged, { seenAssertionIds: ctx.replay.viewAt(now), outstandingRequestIds: ctx.outstanding.idsFor(profile.acsUrl, now) });
  const verdict = applyRelayStateRule(settled, fields?.relayState, profile.settings);
  return {
    samlResponse: fields?.samlResponse ?? '',
    relayState: fields?.relayState,
    verdict,
    claim: claimAccepted(ctx, verdict, now),
    ...(fields === undefined ? {} : { encoded: fields.json }),
    ...(judged.xmlJson === undefined ? {} : { xmlJson: judged.xmlJson }),
  };
}

/**
 * Reads the form and runs the pipeline on a worker thread with a deadline (fake-sp/judge), so neither
 * blocks the other requests; the replay cache and the outstanding requests stay on this thread and
 * answer the lookups the worker reports.
 */
async function judgeOffThread(ctx: SpContext, profile: ResolvedProfile, read: Extract<AcsBody, { body: Buffer }>, now: Date): Promise<JudgedPost> {
  const idp = ctx.idp();
  const expectations: PlainSpPolicy = {
    certificates: idp.certificates,
    issuer: idp.issuer,
    audience: profile.audience,
    acsUrl: profile.acsUrl,
    skewSeconds: ctx.skewSeconds,
    maxBytes: ctx.maxSamlBytes,
    maxDepth: ctx.maxXmlDepth,
    allowIdpInitiated: profile.settings.allowIdpInitiated,
    ...(ctx.markupLimits === undefined ? {} : { markupLimits: ctx.markupLimits }),
  };
  try {
    return await ctx.judge.pool.judgePost(
      { form: { body: read.body, charset: read.charset }, expectations, now: now.getTime(), probe: { assertionIds: true, requestIds: true } },
      ctx.judge.deadlineMs,
    );
  } catch (error) {
    // The pool never rejects; if it does, the POST still gets a recorded verdict.
    return {
      questions: {},
      verdict: malformedVerdict({
        code: 'ACS_PIPELINE_ERROR',
        detail: `the validation pipeline threw: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'this is a bug in the fake SP pipeline: report it with the recorded SAMLResponse',
      }),
    };
  }
}
