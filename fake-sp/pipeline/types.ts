// Contract of the validation pipeline. Every check is a pure function over the parsed response.
import type { CheckCode } from './codes.ts';
import type { MarkupLimits } from './markup-limits.ts';

export const CHECK_IDS = [
  'decode',
  'parse',
  'status',
  'signature',
  'wrapping',
  'issuer',
  'destination',
  'recipient',
  'audience',
  'time',
  'inResponseTo',
  'replay',
  'nameId',
  'attributes',
  'flex',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'ok' | 'failed' | 'skipped';

export interface CheckResult {
  id: CheckId;
  /** true only when status === 'ok'; a skipped check is never ok. */
  ok: boolean;
  status: CheckStatus;
  /** Stable machine-readable code for a failure or skip, e.g. `SIG_UNSIGNED`, `AUD_MISMATCH`. */
  code?: CheckCode;
  expected?: string;
  actual?: string;
  detail: string;
  /** On failure: the likely cause and the fix. */
  hint?: string;
  warnings?: string[];
}

/** The SP policy: what the SP knows before the response arrives (Flex console values + runtime state). Not the scenario's `expect`. */
export interface SpPolicy {
  /** PEM certificates the IdP may sign with (pinned). Never the KeyInfo certificate. */
  certificates: string[];
  /** Expected IdP entity ID (Auth0: `urn:<tenant domain>`); undefined → issuer check skipped. */
  issuer?: string;
  /** SP entity ID (Enhanced `urn:flex:JQ…`, Legacy `…/saml2/metadata`); undefined → skipped. */
  audience?: string;
  /** ACS URL the response was posted to; Destination and Recipient must equal it; undefined → skipped. */
  acsUrl?: string;
  /** Allowed clock skew in seconds (default 120). */
  skewSeconds?: number;
  /** Decoded size limit in bytes (default 256 KiB). */
  maxBytes?: number;
  /** Maximum element depth (default 64). */
  maxDepth?: number;
  /** Overrides of single markup caps (defaults: MARKUP_LIMITS in markup-limits.ts, docs/bounds.md). */
  markupLimits?: Partial<MarkupLimits>;
  /** Request IDs the SP issued and still waits for; undefined → inResponseTo skipped unless present. */
  outstandingRequestIds?: { has(id: string): boolean };
  /** Accept responses without InResponseTo (IdP-initiated). Default true. */
  allowIdpInitiated?: boolean;
  /** Assertion IDs already consumed; undefined → replay skipped. The caller records new IDs. */
  seenAssertionIds?: { has(id: string): boolean };
}

/** What Flex would read from the response. */
export interface FlexView {
  email?: string;
  full_name?: string;
  roles: string[];
  image_url?: string;
  team?: string;
  program?: string;
  /** Insights (team_id, team_name, …) and Teams (team_member, team_owner) attributes present. */
  insights: Record<string, string[]>;
  /** Other attributes Flex would store as worker attributes. */
  other: Record<string, string[]>;
}

export interface Verdict {
  valid: boolean;
  /** Every check of CHECK_IDS, in order. */
  checks: CheckResult[];
  /** Attribute name → values in document order, read from the signed node (empty when not trusted). */
  attributes: Record<string, string[]>;
  /** Attribute name → xsi:type of each value (info only; absent when attributes are not trusted). */
  attributeTypes?: Record<string, string[]>;
  flex: FlexView;
  warnings: string[];
  /** Facts read from the signed node, for capture and reports. */
  facts: {
    responseId?: string;
    assertionId?: string;
    issuer?: string;
    nameId?: string;
    inResponseTo?: string;
    destination?: string;
    statusCode?: string;
    statusMessage?: string;
    /** Which element the verified signature covers. */
    signedElement?: 'Response' | 'Assertion' | 'both';
    notOnOrAfter?: string;
    /**
     * The latest NotOnOrAfter of the Conditions and the bearer SubjectConfirmationData, as UTC ISO:
     * the replay cache refuses this assertion ID until then (plus skew).
     */
    replayUntil?: string;
  };
  /** The decoded XML (for display); undefined when decode failed. */
  xml?: string;
}

/** Entry point implemented by fake-sp/pipeline/validate.ts. */
export type ValidateResponse = (samlResponseBase64: string, expectations: SpPolicy, now: Date) => Verdict;
