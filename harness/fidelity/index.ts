// Fidelity: how far the emulator's output is from a real tenant's. Normalise SAML responses
// (normalise.ts; serialise.ts writes them back as XML) and tenant log events (log-normalise.ts), diff
// them structurally (diff.ts, log-diff.ts), print the differences (format.ts, report.ts). Used by the
// golden tests against the real Auth0 captures, by `flex-sso run --record` (recording/) and by
// `flex-sso fidelity` (replay/).
import { diffSaml, type FidelityDifference } from './diff.ts';
import { normaliseSamlXml, type FidelityError } from './normalise.ts';

export { diffSaml, type DifferenceKind, type FidelityDifference } from './diff.ts';
export { formatDifference, formatDifferences, quote, type DiffLabels } from './format.ts';
export { serialiseNormalised } from './serialise.ts';
export { diffLogEvents, type LogDifference, type LogDifferenceKind } from './log-diff.ts';
export { normaliseLogEvent, normaliseLogEvents, type NormalLogEvent } from './log-normalise.ts';
export { knownNotModelled, LOG_LIMITS } from './log-rules.ts';
export { normaliseSamlXml, NORMALISE_LIMITS, type FidelityError, type FidelityErrorCode, type NormalElement, type NormaliseResult } from './normalise.ts';

export type CompareResult = { ok: true; differences: FidelityDifference[] } | { ok: false; side: 'expected' | 'actual'; error: FidelityError };

/** Normalises both responses and diffs them; an unreadable one is an error value naming its side. */
export function compareSamlXml(expectedXml: string, actualXml: string): CompareResult {
  const expected = normaliseSamlXml(expectedXml);
  if (!expected.ok) return { ok: false, side: 'expected', error: expected.error };
  const actual = normaliseSamlXml(actualXml);
  if (!actual.ok) return { ok: false, side: 'actual', error: actual.error };
  return { ok: true, differences: diffSaml(expected.root, actual.root) };
}
