// Text and JSON output of `flex-sso action-test`.
import type { SamlOverrides } from '../../fake-idp/actions/runner.ts';
import type { FieldResult } from '../run/observation.ts';
import { otherFailures } from './judge.ts';
import { hintFor, type ActionTestResult } from './run.ts';

const LABEL = 12;

export function formatText(results: ActionTestResult[]): string {
  const blocks = results.map((result) => formatOne(result));
  if (results.length > 1) {
    const emitted = results.filter((r) => r.emitted).length;
    const compared = results.filter((r) => r.scenario?.compared);
    const asExpected = compared.filter((r) => r.passed).length;
    const notCompared = results.filter((r) => r.scenario && !r.scenario.compared).length;
    const plain = results.filter((r) => !r.scenario);
    blocks.push(
      `${results.length} users: ${emitted} emitted attributes, ${results.length - emitted} did not.\n` +
        (compared.length
          ? `${compared.length} scenario(s) compared with their expect: ${asExpected} as expected, ${compared.length - asExpected} mismatched.\n`
          : '') +
        (notCompared ? `${notCompared} scenario(s) not compared (another Action's, or decided on the login page).\n` : '') +
        (plain.length
          ? `${plain.length} user(s) judged by the Flex checks: ${plain.filter((r) => r.passed).length} accepted, ${plain.filter((r) => !r.passed).length} rejected.\n`
          : ''),
    );
  }
  return blocks.join('\n');
}

function formatOne(result: ActionTestResult): string {
  const { outcome } = result;
  const lines: string[] = [];
  const row = (label: string, value: string): void => {
    lines.push(`${label.padEnd(LABEL)}${value}`);
  };
  row('Action', result.actionFile);
  row('User', `${result.email}  (${result.id ? `scenario ${result.id}, ` : ''}${result.source})`);

  const attributes = Object.entries(outcome.saml.attributes);
  lines.push('', `SAML attributes (${attributes.length})`);
  if (attributes.length === 0) lines.push('  (none)');
  const width = Math.max(10, ...attributes.map(([name]) => name.length + 2));
  for (const [name, value] of attributes) {
    const values = describeValues(value);
    values.forEach((text, i) => lines.push(`  ${(i === 0 ? name : '').padEnd(width)}${text}`));
  }

  const overrides = Object.entries(shownOverrides(outcome.saml.overrides));
  lines.push('', overrides.length ? 'SAML overrides (api.samlResponse.set*)' : 'SAML overrides: none');
  for (const [key, value] of overrides) lines.push(`  ${key.padEnd(width)}${JSON.stringify(value)}`);

  for (const [label, updates] of [
    ['app_metadata updates', outcome.appMetadataUpdates],
    ['user_metadata updates', outcome.userMetadataUpdates],
  ] as const) {
    const entries = Object.entries(updates);
    if (entries.length === 0) continue;
    lines.push('', label);
    for (const [key, value] of entries) lines.push(`  ${key.padEnd(width)}${value === null ? '(deleted)' : JSON.stringify(value)}`);
  }

  lines.push('', outcome.logs.length ? `Console (${outcome.logs.length})` : 'Console: no output');
  for (const log of outcome.logs) lines.push(`  [${log.level}] ${log.message.split('\n').join('\n          ')}`);

  lines.push('');
  if (outcome.denied) {
    row('Result', `DENIED by Action "${outcome.denied.action}": ${outcome.denied.reason || '(no reason given)'}`);
  } else if (outcome.error) {
    const e = outcome.error;
    const where = e.line !== undefined ? ` at line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}` : '';
    row('Result', `ERROR (${e.kind}) in Action "${e.action}"${where}: ${e.message}`);
  } else if (result.emitted) {
    row('Result', `OK: ${attributes.filter(([, v]) => v !== null).length} attribute(s) emitted`);
  } else {
    row('Result', 'NO ATTRIBUTES: the Action ran but emitted no SAML attribute');
  }
  lines.push(...judgementLines(result));
  if (outcome.ok && outcome.saml.attributes.team !== undefined && outcome.saml.attributes.team_name === undefined) {
    row('Note', '`team` is stored on the Flex worker but Teams View filters on `team_name`');
  }
  if (outcome.ok && outcome.saml.attributes.full_name === result.email) {
    row('Note', "full_name is the email address: Auth0 sets `name` to the email when a user has none; set the user's name");
  }
  const hint = outcome.ok ? undefined : hintFor(outcome);
  if (hint) row('Fix', hint);
  return `${lines.join('\n')}\n`;
}

/** What the fake SP's checks say about the response, and the scenario's expectation compared with it. */
function judgementLines(result: ActionTestResult): string[] {
  const lines: string[] = [];
  const row = (label: string, value: string): void => {
    lines.push(`${label.padEnd(LABEL)}${value}`);
  };
  const { flex, verdict, scenario } = result;
  if (flex?.status === 'ok') row('Flex', `accepted by the fake SP's flex check: ${flex.detail}`);
  else if (flex) {
    row('Flex', `REJECTED by the fake SP's flex check (${flex.code ?? 'failed'}): ${flex.detail}`);
    if (flex.expected !== undefined || flex.actual !== undefined) row('', `expected ${flex.expected ?? '?'}, received ${flex.actual ?? '?'}`);
    if (flex.hint) row('Fix', flex.hint);
  }
  for (const check of verdict ? otherFailures(verdict) : []) {
    if (check.id === 'status') continue; // the deny/error is already the Result line
    row('Check', `${check.id} failed (${check.code ?? '?'}): ${check.detail}`);
  }
  if (!scenario) return lines;
  if (!scenario.compared) {
    row('Expect', `not compared: ${scenario.reason}`);
    return lines;
  }
  row('Expect', scenario.assertion.passed ? "AS EXPECTED: the scenario's expect matches this dry login" : "MISMATCH with the scenario's expect");
  for (const field of scenario.assertion.fields) lines.push(`  ${fieldLine(field)}`);
  if (!scenario.assertion.passed) for (const hint of scenario.assertion.hints) row('Fix', hint);
  return lines;
}

function fieldLine(field: FieldResult): string {
  return `${field.ok ? '✓' : '✗'} ${field.field.padEnd(10)} expected ${field.expected}, received ${field.actual}`;
}

/** The private key an Action passes to api.samlResponse.setKey is never printed. */
function shownOverrides(overrides: SamlOverrides): Record<string, unknown> {
  return overrides.key === undefined ? { ...overrides } : { ...overrides, key: '[private key, not shown]' };
}

/** The text node-saml writes for one value: a typed text from the sandbox (an object → "[object Object]"), null → "null". */
function valueText(v: unknown): string {
  if (typeof v === 'object' && v !== null && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return String(v);
}

/** One line per AttributeValue: arrays give several values, null means the Action removed it. */
function describeValues(value: unknown): string[] {
  if (value === null) return ['(removed: set to null or undefined)'];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['(no values: Auth0 drops an empty array)'];
    return value.map(valueText);
  }
  return [valueText(value)];
}

export function toJson(actionFile: string | undefined, results: ActionTestResult[]): unknown {
  return {
    action: actionFile ?? null,
    ok: results.every((r) => r.passed),
    results: results.map((r) => ({
      action: r.actionFile,
      passed: r.passed,
      ...(r.flex
        ? {
            flex: {
              status: r.flex.status,
              ...(r.flex.code ? { code: r.flex.code } : {}),
              ...(r.flex.expected ? { expected: r.flex.expected } : {}),
              ...(r.flex.actual ? { received: r.flex.actual } : {}),
              detail: r.flex.detail,
              ...(r.flex.hint ? { hint: r.flex.hint } : {}),
            },
          }
        : {}),
      ...(r.verdict
        ? {
            failedChecks: r.verdict.checks
              .filter((c) => c.status === 'failed')
              .map((c) => ({ id: c.id, code: c.code, expected: c.expected, received: c.actual })),
          }
        : {}),
      ...(r.scenario
        ? {
            scenario: r.scenario.compared
              ? {
                  compared: true,
                  passed: r.scenario.assertion.passed,
                  fields: r.scenario.assertion.fields.map(({ actual, ...f }) => ({ ...f, received: actual })),
                  hints: r.scenario.assertion.hints,
                }
              : { compared: false, reason: r.scenario.reason },
          }
        : {}),
      source: r.source,
      ...(r.id ? { id: r.id } : {}),
      email: r.email,
      emitted: r.emitted,
      missingRequired: r.missingRequired,
      ok: r.outcome.ok,
      attributes: r.outcome.saml.attributes,
      overrides: shownOverrides(r.outcome.saml.overrides),
      ...(r.outcome.denied ? { denied: r.outcome.denied } : {}),
      ...(r.outcome.error ? { error: r.outcome.error } : {}),
      ...(r.outcome.ok ? {} : { hint: hintFor(r.outcome) }),
      appMetadataUpdates: r.outcome.appMetadataUpdates,
      userMetadataUpdates: r.outcome.userMetadataUpdates,
      logs: r.outcome.logs,
    })),
  };
}
