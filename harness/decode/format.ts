// Renders a decode verdict for humans (check table, warnings, attributes, Flex view) or as JSON.
// Every value in the human form passes through terminalSafe (RelayState, StatusMessage, Destination,
// attribute values and every check text quote the response); the JSON form is exact.
import type { CheckId, CheckResult, FlexView, Verdict } from '../../fake-sp/pipeline/types.ts';
import { prettyXml } from '../reports/pretty-xml.ts';
import { terminalSafe as t } from '../text/terminal-safe.ts';
import { issueInstantOf, readableXml, unverifiedAttributes } from './unverified.ts';

export interface DecodeResult {
  verdict: Verdict;
  /** Notes about the input (e.g. it was DEFLATE-compressed). */
  notes: string[];
  url?: string;
  relayState?: string;
  /** Checks skipped because the user left out the option that feeds them. */
  omitted?: CheckId[];
}

/** How to show a result: `xml` adds the pretty-printed XML; `unverified` (--no-verify) the banner and the unverified attributes. */
export interface ShowOptions {
  xml?: boolean;
  unverified?: boolean;
}

export const UNVERIFIED_BANNER =
  'UNVERIFIED — --no-verify: no certificate pinned, the signature was not checked. Anyone can write what follows; Flex would reject this response.';

export interface DecodeJson {
  valid: boolean;
  checks: {
    id: CheckId;
    ok: boolean;
    status: CheckResult['status'];
    code: string | null;
    expected: string | null;
    received: string | null;
    detail: string;
    hint: string | null;
  }[];
  attributes: Record<string, string[]>;
  /** --no-verify: true, and the attributes as the XML states them, none verified. */
  unverified?: true;
  unverifiedAttributes?: Record<string, string[]>;
  /** --xml: the decoded XML, exact. */
  xml?: string;
  flex: FlexView;
  warnings: string[];
  url?: string;
  relayState?: string;
}

/** The option that turns a check on when the user left it out. */
export const SKIP_OPTION: Partial<Record<CheckId, string>> = {
  issuer: '--issuer',
  audience: '--audience',
  destination: '--acs',
  recipient: '--acs',
};

export function warningsOf(result: DecodeResult): string[] {
  const fromChecks = result.verdict.checks.flatMap((check) => check.warnings ?? []);
  const all = [...result.notes, ...result.verdict.warnings, ...fromChecks];
  return [...new Set(all)];
}

export function toDecodeJson(result: DecodeResult, show: ShowOptions = {}): DecodeJson {
  const { verdict } = result;
  return {
    valid: verdict.valid,
    checks: verdict.checks.map((check) => ({
      id: check.id,
      ok: check.ok,
      status: check.status,
      code: check.code ?? null,
      expected: check.expected ?? null,
      received: check.actual ?? null,
      detail: check.detail,
      hint: check.hint ?? null,
    })),
    attributes: verdict.attributes,
    flex: verdict.flex,
    warnings: warningsOf(result),
    ...(result.url === undefined ? {} : { url: result.url }),
    ...(result.relayState === undefined ? {} : { relayState: result.relayState }),
    ...(show.unverified ? { unverified: true as const, unverifiedAttributes: unverifiedAttributes(readableXml(verdict)) } : {}),
    ...(show.xml && verdict.xml !== undefined ? { xml: verdict.xml } : {}),
  };
}

export interface Palette {
  green(s: string): string;
  red(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Palette = { green: ansi(32, 39), red: ansi(31, 39), dim: ansi(2, 22), yellow: ansi(33, 39), bold: ansi(1, 22) };
const identity = (s: string) => s;
export const PLAIN: Palette = { green: identity, red: identity, dim: identity, yellow: identity, bold: identity };

/** Colour only on a TTY and only when NO_COLOR is unset (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function formatHuman(result: DecodeResult, palette: Palette, heading?: string, show: ShowOptions = {}): string {
  const { verdict } = result;
  const lines: string[] = [];
  if (heading) lines.push(palette.bold(t(heading)));
  if (show.unverified) lines.push(palette.red(palette.bold(UNVERIFIED_BANNER)), '');
  if (result.url) lines.push(`POSTed to: ${t(result.url)}`);
  if (result.relayState !== undefined) lines.push(`RelayState: ${t(result.relayState)}`);
  lines.push(verdictLine(verdict, palette));
  lines.push('', 'Checks:');
  const width = Math.max(...verdict.checks.map((check) => check.id.length));
  const omitted = new Set(result.omitted ?? []);
  const issueInstant = issueInstantOf(readableXml(verdict));
  for (const check of verdict.checks) lines.push(...formatCheck(check, width, palette, omitted.has(check.id), issueInstant));
  const warnings = warningsOf(result);
  if (warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of warnings) lines.push(palette.yellow(`  ! ${t(warning)}`));
  }
  const trusted = Object.keys(verdict.attributes).length > 0 || verdict.checks.some((c) => c.id === 'attributes' && c.ok);
  lines.push('', trusted ? 'Attributes (read from the signed node):' : 'Attributes: none trusted (values are read only once signature and wrapping pass)');
  lines.push(...formatAttributes(verdict.attributes));
  lines.push('', 'Flex view:', ...formatFlex(verdict.flex));
  if (show.unverified) {
    lines.push('', palette.red('Attributes as the XML states them (UNVERIFIED):'));
    lines.push(...formatAttributes(unverifiedAttributes(readableXml(verdict))));
  }
  if (show.xml)
    lines.push(
      '',
      show.unverified ? palette.red('XML (UNVERIFIED):') : 'XML:',
      verdict.xml === undefined ? '  (not decodable)' : t(prettyXml(verdict.xml), { multiline: true }),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * "Flex would accept" only when every check an option can turn on ran: a check skipped for want of
 * --acs, --audience or --issuer is one Flex does run, so the verdict then names it. (InResponseTo
 * and replay need the SP's state, which no capture carries.)
 */
function verdictLine(verdict: Verdict, palette: Palette): string {
  if (!verdict.valid) {
    const failures = verdict.checks.filter((check) => check.status === 'failed').map((check) => check.id);
    return palette.red(
      `Verdict: INVALID${failures.length === 0 ? '' : ` — ${failures.length} ${failures.length === 1 ? 'failure' : 'failures'}: ${failures.join(', ')}`}`,
    );
  }
  const notRun = verdict.checks.filter((c) => c.status === 'skipped' && SKIP_OPTION[c.id] !== undefined).map((c) => c.id);
  if (notRun.length === 0) return palette.green('Verdict: VALID — Flex would accept this response');
  const options = [...new Set(notRun.map((id) => SKIP_OPTION[id]))];
  return palette.yellow(`Verdict: VALID as far as checked — not checked: ${notRun.join(', ')} (pass ${options.join(', ')}); Flex checks those too`);
}

/** The time codes a different clock can explain: a capture judged long after it was issued. */
const CLOCK_CODES = new Set(['TIME_EXPIRED', 'TIME_NOT_YET_VALID']);

function formatCheck(check: CheckResult, width: number, palette: Palette, omitted: boolean, issueInstant: string | undefined): string[] {
  const id = check.id.padEnd(width);
  const code = check.code ? ` [${t(check.code)}]` : '';
  if (check.status === 'ok') return [`  ${palette.green('✓')} ${id}  ${t(check.detail)}`];
  if (check.status === 'skipped') {
    const option = SKIP_OPTION[check.id];
    const why = option && omitted ? `skipped: pass ${option} to check` : `skipped: ${t(check.detail)}`;
    return [palette.dim(`  – ${id}  ${why}`)];
  }
  const lines = [`  ${palette.red('✗')} ${id}  ${t(check.detail)}${code}`];
  const pad = ' '.repeat(width + 6);
  if (check.expected !== undefined) lines.push(`${pad}expected: ${t(check.expected)}`);
  if (check.actual !== undefined) lines.push(`${pad}received: ${t(check.actual)}`);
  if (check.hint) lines.push(palette.yellow(`${pad}hint: ${t(check.hint)}`));
  if (check.code && CLOCK_CODES.has(check.code) && issueInstant) {
    lines.push(palette.yellow(`${pad}try: --now ${t(issueInstant)} (the response's IssueInstant) to judge a capture at the moment it was issued`));
  }
  return lines;
}

function formatAttributes(attributes: Record<string, string[]>): string[] {
  const names = Object.keys(attributes);
  if (names.length === 0) return ['  (none)'];
  return names.map((name) => `  ${t(name)}: ${(attributes[name] ?? []).map((v) => t(JSON.stringify(v))).join(', ')}`);
}

function formatFlex(flex: FlexView): string[] {
  const show = (value: string | undefined) => (value === undefined ? '(missing)' : t(value));
  const lines = [
    `  email:      ${show(flex.email)}`,
    `  full_name:  ${show(flex.full_name)}`,
    `  roles:      ${flex.roles.length > 0 ? t(flex.roles.join(', ')) : '(none)'}`,
    `  image_url:  ${show(flex.image_url)}`,
    `  team:       ${show(flex.team)}`,
    `  program:    ${show(flex.program)}`,
  ];
  for (const [name, values] of Object.entries(flex.insights)) lines.push(`  ${t(`${name}:`).padEnd(11)} ${t(values.join(', '))}  (Insights/Teams)`);
  const other = Object.keys(flex.other);
  if (other.length > 0) lines.push(`  other worker attributes: ${t(other.join(', '))}`);
  return lines;
}
