// The validation pipeline runner: every check of CHECK_IDS, in order, every time.
//
// Skips: a check whose prerequisite did not pass is `skipped` with code SKIPPED_PREREQUISITE and a
// detail naming that prerequisite. A check that has nothing to compare against (no expected issuer,
// audience, ACS URL, outstanding-request list or assertion-ID cache) is `skipped` with a
// *_NOT_CONFIGURED code — reported, never silently passed.
//
// Validity rule: valid ⇔ no check failed and every skipped check was skipped only for a missing
// expectation (a code in OPTIONAL_SKIP_CODES). A prerequisite skip always sits behind a failure,
// and the rule refuses it explicitly anyway.
import { PIPELINE } from './checks/index.ts';
import type { PipelineState } from './context.ts';
import { EMPTY_FLEX_VIEW } from './flex-view.ts';
import { skipped } from './result.ts';
import { readStatus } from './checks/status.ts';
import { bearerData } from './checks/recipient.ts';
import { replayDeadline } from './checks/time.ts';
import type { CheckId, CheckResult, SpPolicy, ValidateResponse, Verdict } from './types.ts';
import { NS, attr, child, path, text } from './xml.ts';

export const OPTIONAL_SKIP_CODES: ReadonlySet<string> = new Set([
  'ISSUER_NOT_CONFIGURED',
  'DEST_NOT_CONFIGURED',
  'RCPT_NOT_CONFIGURED',
  'AUD_NOT_CONFIGURED',
  'IRT_NOT_CONFIGURED',
  'REPLAY_NOT_CONFIGURED',
]);

export function isVerdictValid(checks: readonly CheckResult[]): boolean {
  return checks.every((c) => c.status === 'ok' || (c.status === 'skipped' && c.code !== undefined && OPTIONAL_SKIP_CODES.has(c.code)));
}

function facts(state: PipelineState): Verdict['facts'] {
  const out: Verdict['facts'] = {};
  const set = <K extends keyof Verdict['facts']>(k: K, v: Verdict['facts'][K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  if (state.root !== undefined) {
    const s = readStatus(state.root);
    set('statusCode', s.code);
    set('statusMessage', s.message);
  }
  const t = state.trusted;
  if (t === undefined) return out;
  set('responseId', attr(t.response, 'ID'));
  set('assertionId', attr(t.assertion, 'ID'));
  set('issuer', text(child(t.assertion, 'Issuer', NS.saml))?.trim());
  set('nameId', text(path(t.assertion, ['Subject', 'NameID'], NS.saml))?.trim());
  set(
    'inResponseTo',
    bearerData(t.assertion)
      .map((d) => attr(d, 'InResponseTo'))
      .find((v) => v !== undefined) ?? attr(t.response, 'InResponseTo'),
  );
  set('destination', attr(t.response, 'Destination'));
  set('signedElement', state.signedElement);
  set('notOnOrAfter', attr(child(t.assertion, 'Conditions', NS.saml), 'NotOnOrAfter'));
  const deadline = replayDeadline(t.assertion);
  set('replayUntil', deadline === undefined ? undefined : new Date(deadline).toISOString());
  return out;
}

export const validateResponse: ValidateResponse = (samlResponseBase64: string, expectations: SpPolicy, now: Date): Verdict => {
  let state: PipelineState = { input: typeof samlResponseBase64 === 'string' ? samlResponseBase64 : '' };
  const byId = new Map<CheckId, CheckResult>();
  /** For a check skipped behind a failure: the failed check that started the chain. */
  const rootCause = new Map<CheckId, CheckId>();
  for (const def of PIPELINE) {
    const blocker = def.requires.find((id) => byId.get(id)?.status !== 'ok');
    let result: CheckResult;
    if (blocker !== undefined) {
      const cause = rootCause.get(blocker) ?? blocker;
      const c = byId.get(cause);
      const because = `\`${cause}\` failed${c?.code !== undefined ? ` (${c.code})` : ''}`;
      rootCause.set(def.id, cause);
      result = skipped(
        def.id,
        'SKIPPED_PREREQUISITE',
        cause === blocker ? `Not run: ${because}.` : `Not run: needs \`${blocker}\`, which did not run because ${because}.`,
      );
    } else {
      try {
        const { result: r, ...data } = def.run(state, expectations, now);
        state = { ...state, ...data };
        result = r;
      } catch (err) {
        // A check must never throw; if one does, the verdict says so instead of crashing the caller.
        result = {
          id: def.id,
          ok: false,
          status: 'failed',
          code: 'INTERNAL_ERROR',
          detail: `The ${def.id} check crashed: ${err instanceof Error ? err.message : String(err)}`,
          hint: 'This is a bug in the harness; please report it with the response that triggered it.',
        };
      }
    }
    byId.set(def.id, result);
  }
  const checks = PIPELINE.map((d) => byId.get(d.id) as CheckResult);
  // A duplicate name or an encrypted attribute fails the check, but the plain values are still signed facts worth showing.
  const trustedAttributes = byId.get('attributes')?.status === 'ok' || ['ATTR_DUPLICATE', 'ATTR_ENCRYPTED'].includes(byId.get('attributes')?.code ?? '');
  return {
    valid: isVerdictValid(checks),
    checks,
    attributes: trustedAttributes ? (state.attributes ?? {}) : {},
    ...(trustedAttributes && state.attributeTypes ? { attributeTypes: state.attributeTypes } : {}),
    flex: state.flex ?? { ...EMPTY_FLEX_VIEW, insights: {}, other: {}, roles: [] },
    warnings: checks.flatMap((c) => c.warnings ?? []),
    facts: facts(state),
    ...(state.xml !== undefined ? { xml: state.xml } : {}),
  };
};

/** Convenience for raw XML (tests, tools): base64-encodes it and runs validateResponse. */
export function validateXmlString(xml: string, expectations: SpPolicy, now: Date): Verdict {
  return validateResponse(Buffer.from(xml, 'utf8').toString('base64'), expectations, now);
}
