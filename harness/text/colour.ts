// Colour for human output: on a terminal only, never when NO_COLOR is set (https://no-color.org) or
// `--no-color` is given (main.ts turns it into NO_COLOR=1, so Playwright's processes follow it too);
// FORCE_COLOR (Node's convention) turns it on for a pipe. Colour is added AFTER terminalSafe: the
// escape sequences are ours, never taken from a scenario, a response or an Action's output.

const ANSI = { red: [31, 39], green: [32, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22] } as const;
export type Colour = keyof typeof ANSI;

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function colour(name: Colour, text: string): string {
  const [open, close] = ANSI[name];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Words and marks that carry a verdict in the harness's text output, and their colour. */
const MARKS: readonly [RegExp, Colour][] = [
  [/✓/g, 'green'],
  [/✗/g, 'red'],
  [/\b(REJECTED|MISMATCH|DENIED|ERROR|NO ATTRIBUTES|FAILED)\b/g, 'red'],
  [/\b(AS EXPECTED|OK)(?=:)/g, 'green'],
  [/^(Failures:|Fix|fix:|hint:)/gm, 'yellow'],
  [/^flex-sso:/gm, 'red'],
];

/** `text` (already terminal-safe) with its verdict marks coloured, or unchanged when colour is off. */
export function paint(text: string, enabled: boolean): string {
  if (!enabled) return text;
  return MARKS.reduce((out, [pattern, name]) => out.replace(pattern, (m) => colour(name, m)), text);
}
