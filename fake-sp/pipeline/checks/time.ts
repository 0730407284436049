// time: Conditions NotBefore/NotOnOrAfter, bearer SubjectConfirmationData NotBefore/NotOnOrAfter and
// AuthnStatement SessionNotOnOrAfter against the injected clock ± skew. Every date present must
// parse as xs:dateTime (IssueInstant and AuthnInstant included).
import type { Element } from '@xmldom/xmldom';
import type { Check } from '../context.ts';
import { DEFAULTS } from '../context.ts';
import { failed, passed } from '../result.ts';
import { NS, attr, child, children } from '../xml.ts';
import { parseXsDateTime } from '../xs-datetime.ts';
import { bearerData } from './recipient.ts';

interface Stamp { where: string; kind: 'notBefore' | 'notOnOrAfter' | 'instant'; raw: string; ms?: number }

const SKEW_HINT = 'Compare the clocks: the machine running the SP (or the --now you passed) must be within the allowed skew of Auth0\'s clock (sync with NTP). A captured response is only valid for the addon\'s "lifetimeInSeconds" (default 3600): log in again rather than re-posting an old one.';

function collect(response: Element, assertion: Element): Stamp[] {
  const stamps: Stamp[] = [];
  const add = (where: string, kind: Stamp['kind'], raw: string | undefined) => {
    if (raw !== undefined) stamps.push({ where, kind, raw, ms: parseXsDateTime(raw) });
  };
  add('Response@IssueInstant', 'instant', attr(response, 'IssueInstant'));
  add('Assertion@IssueInstant', 'instant', attr(assertion, 'IssueInstant'));
  const conditions = child(assertion, 'Conditions', NS.saml);
  add('Conditions@NotBefore', 'notBefore', attr(conditions, 'NotBefore'));
  add('Conditions@NotOnOrAfter', 'notOnOrAfter', attr(conditions, 'NotOnOrAfter'));
  for (const data of bearerData(assertion)) {
    add('SubjectConfirmationData@NotBefore', 'notBefore', attr(data, 'NotBefore'));
    add('SubjectConfirmationData@NotOnOrAfter', 'notOnOrAfter', attr(data, 'NotOnOrAfter'));
  }
  for (const authn of children(assertion, 'AuthnStatement', NS.saml)) {
    add('AuthnStatement@AuthnInstant', 'instant', attr(authn, 'AuthnInstant'));
    add('AuthnStatement@SessionNotOnOrAfter', 'notOnOrAfter', attr(authn, 'SessionNotOnOrAfter'));
  }
  return stamps;
}

export const time: Check = (state, exp, now) => {
  const t = state.trusted!;
  const skewMs = (exp.skewSeconds ?? DEFAULTS.skewSeconds) * 1000;
  const nowMs = now.getTime();
  const stamps = collect(t.response, t.assertion);
  const bad = stamps.find((s) => s.ms === undefined);
  if (bad !== undefined || !Number.isFinite(nowMs)) {
    return { result: failed('time', 'TIME_UNPARSABLE', { expected: 'xs:dateTime, e.g. 2024-05-01T12:00:00.000Z', actual: bad === undefined ? `clock: ${String(now)}` : `${bad.where}="${bad.raw}"`, detail: bad === undefined ? 'The validation clock is not a valid date.' : `${bad.where} is not a valid xs:dateTime.`, hint: 'Auth0 writes UTC timestamps ending in Z; a malformed date means the response was altered or is not from Auth0.' }) };
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const s of stamps) {
    const ms = s.ms as number;
    if (s.kind === 'notBefore' && nowMs + skewMs < ms) {
      return { result: failed('time', 'TIME_NOT_YET_VALID', { expected: `now (${iso(nowMs)}) + ${skewMs / 1000} s ≥ ${s.where}`, actual: `${s.where}=${s.raw}`, detail: `The Assertion is not valid before ${s.raw} (${Math.round((ms - nowMs) / 1000)} s in the future).`, hint: SKEW_HINT }) };
    }
    if (s.kind === 'notOnOrAfter' && nowMs - skewMs >= ms) {
      return { result: failed('time', 'TIME_EXPIRED', { expected: `now (${iso(nowMs)}) − ${skewMs / 1000} s < ${s.where}`, actual: `${s.where}=${s.raw}`, detail: `The Assertion expired at ${s.raw} (${Math.round((nowMs - ms) / 1000)} s ago).`, hint: SKEW_HINT }) };
    }
  }
  const window = stamps.filter((s) => s.kind !== 'instant').map((s) => `${s.where}=${s.raw}`);
  return { result: passed('time', window.length > 0 ? `Within ${window.join(', ')} at ${iso(nowMs)} (skew ${skewMs / 1000} s).` : 'No validity window in the Assertion (nothing to expire).') };
};
