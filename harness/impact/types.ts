// The result model of `flex-sso impact`: one user's login before and after an Action change, and
// the run's summary. The JSON output (`--json`) is these shapes, as issue 22 specifies them.

/** What Flex does with the login: accepts it, rejects it (check codes), or never gets an Assertion. */
export type Verdict = 'valid' | 'rejected' | 'denied' | 'error';

/** A Flex attribute as Flex reads it: one text, or the list of roles; absent attributes are not listed. */
export type FlexValue = string | string[];

export interface LoginResult {
  verdict: Verdict;
  /** Stable codes: the fake SP's `flex` check codes (FLEX_MISSING_REQUIRED = Twilio 45050), ACTION_DENIED, ACTION_THROW … */
  codes: string[];
  /** The deny reason, the Action's error, or the check's detail. */
  reason?: string;
  /** Flex attribute → value, only the names Flex (or the seeds' Actions) read. */
  attributes: Record<string, FlexValue>;
}

export interface AttributeChange {
  attribute: string;
  before: FlexValue | null;
  after: FlexValue | null;
}

export type Classification = 'unchanged' | 'changed' | 'error';

export interface UserImpact {
  email: string;
  userId: string;
  /** null when there is no baseline (candidate alone) or the record could not be read as a user. */
  before: LoginResult | null;
  after: LoginResult;
  changes: AttributeChange[];
  classification: Classification;
  newlyRejected: boolean;
  newlyAccepted: boolean;
  /** For the "by team/program" counts: the user's team and program before (else after). */
  team?: string;
  program?: string;
}

export interface ImpactSummary {
  unchanged: number;
  changed: number;
  newlyRejected: number;
  newlyAccepted: number;
  errors: number;
}
