// The one failure formatter: what a failed scenario expected and received, with the advice, for the
// console, JUnit and the matrix specs' assertion message. `esc` makes values safe for the medium
// (terminalSafe for terminals and CI pages; identity where Playwright escapes itself).
import type { ScenarioRunResult } from '../run/observation.ts';

type Failed = Pick<ScenarioRunResult, 'fields' | 'error'>;
type Escape = (text: string) => string;

const same: Escape = (text) => text;

export interface FailureOptions {
  esc?: Escape;
  /** Indentation of each line; a hint is indented two more. */
  indent?: string;
  /** A hint already printed for this scenario reads "(as above)". */
  dedupeHints?: boolean;
}

/** One `field: expected X, received Y` line per failed field, each followed by its hint, then the error. */
export function failureLines(result: Failed, options: FailureOptions = {}): string[] {
  const { esc = same, indent = '', dedupeHints = false } = options;
  const lines: string[] = [];
  const shown = new Set<string>();
  for (const f of result.fields.filter((x) => !x.ok)) {
    lines.push(`${indent}${esc(f.field)}: expected ${esc(f.expected)}, received ${esc(f.actual)}`);
    if (f.hint) lines.push(`${indent}  hint: ${dedupeHints && shown.has(f.hint) ? '(as above)' : esc(f.hint)}`);
    if (f.hint) shown.add(f.hint);
  }
  if (result.error) lines.push(`${indent}error: ${esc(result.error)}`);
  return lines;
}

/** The failed fields on one line (JUnit's failure message attribute). */
export function failureSummary(result: Failed, esc: Escape = same): string {
  return result.fields.filter((f) => !f.ok).map((f) => `${esc(f.field)}: expected ${esc(f.expected)}, received ${esc(f.actual)}`).join('; ')
    || esc(result.error ?? '') || 'failed';
}

/** The matrix specs' assertion message. */
export function failureMessage(result: Failed & Pick<ScenarioRunResult, 'id' | 'file'>): string {
  return `scenario ${result.id} (${result.file}) failed:\n${failureLines(result, { indent: '  ' }).join('\n')}`;
}
