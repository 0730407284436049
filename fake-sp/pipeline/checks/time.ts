// Time: the Assertion's Conditions and validity windows. Conditions NotBefore/NotOnOrAfter, bearer
// SubjectConfirmationData NotBefore/NotOnOrAfter and AuthnStatement SessionNotOnOrAfter against the
// injected clock ± skew; every date present must parse as xs:dateTime (IssueInstant and AuthnInstant
// included). Before the clock is read, the windows themselves are judged:
// - a bearer SubjectConfirmationData must carry NotOnOrAfter (SAML Profiles §4.1.4.2): without it the
//   assertion has no delivery deadline and stays replayable (Auth0's node-saml lib/saml20.js omits it
//   only when the addon's lifetimeInSeconds is 0);
// - NotBefore must be earlier than NotOnOrAfter (SAML Core §2.5.1.2, §2.4.1.2), whatever the skew;
// - every Condition must be one this SP understands (SAML Core §2.5.1: an unknown condition is
//   Indeterminate, and an Indeterminate assertion is not valid).
import type { Element } from '@xmldom/xmldom';
import type { Check } from '../context.ts';
import { DEFAULTS } from '../context.ts';
import { failed, passed } from '../result.ts';
import { NS, attr, child, children } from '../xml.ts';
import { parseXsDateTime } from '../xs-datetime.ts';
import { bearerData } from './recipient.ts';
import { humanDuration } from '../duration.ts';

/** Conditions SAML Core §2.5.1 defines; AudienceRestriction is judged by `audience`, the others need nothing from a Web SSO SP. */
const KNOWN_CONDITIONS = new Set(['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction']);

interface Stamp {
  where: string;
  kind: 'notBefore' | 'notOnOrAfter' | 'instant';
  raw: string;
  ms?: number;
  owner: Element;
}

const SKEW_HINT =
  'Compare the clocks: the machine running the SP (or the --now you passed) must be within the allowed skew of Auth0\'s clock (sync with NTP). A captured response is only valid for the addon\'s "lifetimeInSeconds" (default 3600): log in again rather than re-posting an old one.';

function collect(response: Element, assertion: Element): Stamp[] {
  const stamps: Stamp[] = [];
  const add = (owner: Element | undefined, where: string, kind: Stamp['kind'], name: string) => {
    const raw = attr(owner, name);
    if (owner !== undefined && raw !== undefined) stamps.push({ where: `${where}@${name}`, kind, raw, ms: parseXsDateTime(raw), owner });
  };
  add(response, 'Response', 'instant', 'IssueInstant');
  add(assertion, 'Assertion', 'instant', 'IssueInstant');
  const conditions = child(assertion, 'Conditions', NS.saml);
  add(conditions, 'Conditions', 'notBefore', 'NotBefore');
  add(conditions, 'Conditions', 'notOnOrAfter', 'NotOnOrAfter');
  for (const data of bearerData(assertion)) {
    add(data, 'SubjectConfirmationData', 'notBefore', 'NotBefore');
    add(data, 'SubjectConfirmationData', 'notOnOrAfter', 'NotOnOrAfter');
  }
  for (const authn of children(assertion, 'AuthnStatement', NS.saml)) {
    add(authn, 'AuthnStatement', 'instant', 'AuthnInstant');
    add(authn, 'AuthnStatement', 'notOnOrAfter', 'SessionNotOnOrAfter');
  }
  return stamps;
}

/**
 * Until when a replay of this assertion must be refused: the latest NotOnOrAfter of its Conditions
 * and of its bearer SubjectConfirmationData (keeping an ID only until the Conditions'
 * bound let a confirmation that ends later be replayed). Parsed by the pipeline's one xs:dateTime
 * parser, so a zone-less stamp means UTC here exactly as in the time check.
 */
export function replayDeadline(assertion: Element): number | undefined {
  const bounds = [child(assertion, 'Conditions', NS.saml), ...bearerData(assertion)]
    .map((el) => attr(el, 'NotOnOrAfter'))
    .map((raw) => (raw === undefined ? undefined : parseXsDateTime(raw)))
    .filter((ms): ms is number => ms !== undefined);
  return bounds.length === 0 ? undefined : Math.max(...bounds);
}

/** The window rules that hold whatever the clock says (see the header). */
function windowProblem(assertion: Element, stamps: Stamp[]): ReturnType<typeof failed> | undefined {
  const unbounded = bearerData(assertion).filter((d) => attr(d, 'NotOnOrAfter') === undefined).length;
  if (unbounded > 0) {
    return failed('time', 'TIME_NO_BEARER_EXPIRY', {
      expected: 'NotOnOrAfter on every bearer SubjectConfirmationData (SAML Profiles 4.1.4.2)',
      actual: `${unbounded} bearer SubjectConfirmationData without NotOnOrAfter`,
      detail: 'The bearer confirmation has no NotOnOrAfter, so nothing limits when the assertion may be delivered: it could be replayed indefinitely.',
      hint: 'Auth0 writes SubjectConfirmationData NotOnOrAfter = issue time + the addon\'s "lifetimeInSeconds" (default 3600) and leaves it out only when "lifetimeInSeconds" is 0 (auth0/node-saml lib/saml20.js): set a positive lifetime. Otherwise the response was not produced by Auth0 unaltered.',
    });
  }
  for (const where of ['Conditions', 'SubjectConfirmationData'] as const) {
    for (const from of stamps.filter((s) => s.kind === 'notBefore' && s.where.startsWith(where))) {
      const until = stamps.find((s) => s.kind === 'notOnOrAfter' && s.where.startsWith(where) && s.owner === from.owner);
      if (until !== undefined && (from.ms as number) >= (until.ms as number)) {
        return failed('time', 'TIME_WINDOW_INVERTED', {
          expected: `${from.where} earlier than ${until.where} (SAML Core 2.5.1.2)`,
          actual: `${from.where}=${from.raw}, ${until.where}=${until.raw}`,
          detail: `The ${where} window is empty: it starts at or after it ends, so the assertion is never valid (a clock skew must not make it so).`,
          hint: 'Auth0 writes NotBefore = issue time and NotOnOrAfter = issue time + "lifetimeInSeconds"; an inverted window means the response was altered or the addon lifetime is not positive.',
        });
      }
    }
  }
  const conditions = child(assertion, 'Conditions', NS.saml);
  const unknown = conditions === undefined ? [] : children(conditions).filter((c) => c.namespaceURI !== NS.saml || !KNOWN_CONDITIONS.has(c.localName ?? ''));
  const first = unknown[0];
  if (first !== undefined) {
    const type = first.getAttributeNS(NS.xsi, 'type');
    return failed('time', 'COND_UNKNOWN', {
      expected: `only ${[...KNOWN_CONDITIONS].join(', ')} in Conditions`,
      actual: `${first.tagName}${type ? ` xsi:type="${type}"` : ''}${unknown.length > 1 ? ` (+${unknown.length - 1} more)` : ''}`,
      detail:
        'The Assertion carries a condition this SP does not understand; SAML Core 2.5.1 makes it Indeterminate, and an Indeterminate assertion is not valid.',
      hint: 'Auth0 writes only an AudienceRestriction in Conditions; a custom Condition comes from another IdP or an altered response. Remove it at the IdP.',
    });
  }
  return undefined;
}

export const time: Check = (state, exp, now) => {
  const t = state.trusted!;
  const skewMs = (exp.skewSeconds ?? DEFAULTS.skewSeconds) * 1000;
  const nowMs = now.getTime();
  const stamps = collect(t.response, t.assertion);
  const bad = stamps.find((s) => s.ms === undefined);
  if (bad !== undefined || !Number.isFinite(nowMs)) {
    return {
      result: failed('time', 'TIME_UNPARSABLE', {
        expected: 'xs:dateTime, e.g. 2024-05-01T12:00:00.000Z',
        actual: bad === undefined ? `clock: ${String(now)}` : `${bad.where}="${bad.raw}"`,
        detail: bad === undefined ? 'The validation clock is not a valid date.' : `${bad.where} is not a valid xs:dateTime.`,
        hint: 'Auth0 writes UTC timestamps ending in Z; a malformed date means the response was altered or is not from Auth0.',
      }),
    };
  }
  const structural = windowProblem(t.assertion, stamps);
  if (structural !== undefined) return { result: structural };
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const s of stamps) {
    const ms = s.ms as number;
    if (s.kind === 'notBefore' && nowMs + skewMs < ms) {
      return {
        result: failed('time', 'TIME_NOT_YET_VALID', {
          expected: `now (${iso(nowMs)}) + ${skewMs / 1000} s ≥ ${s.where}`,
          actual: `${s.where}=${s.raw}`,
          detail: `The Assertion is not valid before ${s.raw} (${humanDuration((ms - nowMs) / 1000)} in the future).`,
          hint: SKEW_HINT,
        }),
      };
    }
    if (s.kind === 'notOnOrAfter' && nowMs - skewMs >= ms) {
      return {
        result: failed('time', 'TIME_EXPIRED', {
          expected: `now (${iso(nowMs)}) − ${skewMs / 1000} s < ${s.where}`,
          actual: `${s.where}=${s.raw}`,
          detail: `The Assertion expired at ${s.raw} (${humanDuration((nowMs - ms) / 1000)} ago).`,
          hint: SKEW_HINT,
        }),
      };
    }
  }
  const window = stamps.filter((s) => s.kind !== 'instant').map((s) => `${s.where}=${s.raw}`);
  return {
    result: passed(
      'time',
      window.length > 0
        ? `Within ${window.join(', ')} at ${iso(nowMs)} (skew ${skewMs / 1000} s).`
        : 'No validity window in the Assertion (nothing to expire).',
    ),
  };
};
