// The state the pipeline threads through its checks. Checks never mutate it: each returns the data
// it produced next to its result, and the runner (validate.ts) merges that into the next state.
import type { Document, Element } from '@xmldom/xmldom';
import type { CheckId, CheckResult, SpPolicy, FlexView } from './types.ts';

export interface PipelineState {
  /** The base64 SAMLResponse exactly as received. */
  input: string;
  /** decode: the decoded UTF-8 document. */
  xml?: string;
  /** parse: the parsed document and its root (an unsigned envelope until `signature` says otherwise). */
  doc?: Document;
  root?: Element;
  /** signature: what the verified signatures cover, parsed from the signed canonical bytes. */
  signedElement?: 'Response' | 'Assertion' | 'both';
  signedResponse?: Element;
  signedAssertion?: Element;
  /** wrapping: the nodes every later check reads. `assertion` always comes from signed bytes. */
  trusted?: { response: Element; responseSigned: boolean; assertion: Element };
  /** attributes: name → values in document order, and name → xsi:type of each value. */
  attributes?: Record<string, string[]>;
  attributeTypes?: Record<string, string[]>;
  /** flex: what Flex would read. */
  flex?: FlexView;
}

export interface CheckOutput extends Partial<Omit<PipelineState, 'input'>> {
  result: CheckResult;
}

export type Check = (state: Readonly<PipelineState>, expectations: SpPolicy, now: Date) => CheckOutput;

export interface CheckDefinition {
  id: CheckId;
  /** Checks that must be ok for this one to run; otherwise it is skipped and says which one prevented it. */
  requires: CheckId[];
  run: Check;
}

export const DEFAULTS = { maxBytes: 256 * 1024, maxDepth: 64, skewSeconds: 120 } as const;
