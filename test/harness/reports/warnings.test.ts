// Issue 18 item 1: a warning (a finding that does not reject the login) is shown in the check table
// of the dashboard, report.html and results.json.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { renderDetailPage } from '../../../fake-sp/server/dashboard/detail-page.ts';
import { buildHtmlReport } from '../../../harness/reports/html.ts';
import type { ReportedScenario } from '../../../harness/reports/model.ts';
import { buildResultsJson } from '../../../harness/reports/results-json.ts';
import type { LoginResult } from '../../../harness/driver/login.ts';
import { baseResult, toRunResult } from '../../../harness/run/login-outcome.ts';
import type { Observation } from '../../../harness/run/observation.ts';
import type { Scenario } from '../../../harness/scenarios/schema.ts';
import { signedResponseBase64, testKey, TEST_TENANT } from '../../helpers/saml-signer.ts';
import { SAMPLE } from './sample.ts';

const WARNING = '`team_name` is sent without `team_id`';
const verdict = validateResponse(signedResponseBase64({ inResponseTo: null, attributes: { email: 'sam@example.com', full_name: 'Sam', roles: 'supervisor', team_name: 'RAMP' } }), {
  certificates: [testKey('idp').cert], issuer: TEST_TENANT.issuer, audience: TEST_TENANT.audience, acsUrl: TEST_TENANT.acsUrl,
}, TEST_TENANT.now);

describe('warnings in the check tables', () => {
  it('the fake SP dashboard shows the flex check\'s warning in its row of the check table, login valid', () => {
    expect(verdict.valid).toBe(true);
    const html = renderDetailPage({ id: 'lg_w', receivedAt: '2026-01-15T10:00:01.000Z', profile: 'enhanced', acsUrl: TEST_TENANT.acsUrl, samlResponse: 'PHg+', verdict, httpStatus: 302, roles: verdict.flex.roles });
    const row = html.slice(html.indexOf('data-check="flex"'), html.indexOf('</tr>', html.indexOf('data-check="flex"')));
    expect(row).toContain('data-warning');
    expect(row).toContain(WARNING);
  });

  it('report.html and results.json carry the warning of the scenario\'s check', () => {
    const checks = verdict.checks.map((c) => ({ id: c.id, ok: c.ok, status: c.status, detail: c.detail, ...(c.warnings ? { warnings: c.warnings } : {}) }));
    const scenario: ReportedScenario = { ...(SAMPLE.scenarios[0] as ReportedScenario), checks };
    const html = buildHtmlReport({ scenarios: [scenario], durationMs: 1 }, TEST_TENANT.now);
    expect(html).toContain(`<div class="warn">⚠ ${WARNING}`);
    const json = buildResultsJson({ scenarios: [scenario], durationMs: 1 });
    expect(json.scenarios[0]?.checks.find((c) => c.id === 'flex')?.warnings?.[0]).toContain(WARNING);
    expect(json.scenarios[0]?.checks.find((c) => c.id === 'signature')).toEqual(checks.find((c) => c.id === 'signature'));
  });

  it('the run keeps each check\'s warnings in the scenario result', () => {
    const scenario = { id: 's', title: 't', action: 'a', file: 'f', tags: [], flow: 'idp-initiated', profile: 'enhanced', loginPage: 'single-page', expect: { outcome: 'login', attributes: {} } } as unknown as Scenario;
    const record = { id: 'lg_1', verdict } as unknown as NonNullable<Observation['record']>;
    const result = toRunResult(baseResult(scenario, 'rs'), scenario, { relayState: 'rs', record }, {} as LoginResult, 1);
    expect(result.passed).toBe(true);
    expect(result.checks.find((c) => c.id === 'flex')?.warnings?.[0]).toContain(WARNING);
  });
});
