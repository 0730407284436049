// Report inputs: one passing and one failing scenario, with markup in every free-text field.
import type { ReportedScenario, RunReport } from '../../../harness/reports/model.ts';

const passing: ReportedScenario = {
  id: 'pattern-a-admin', title: 'Admin logs in', action: 'pattern-a', file: 'scenarios/pattern-a.yaml', tags: ['role'],
  flow: 'idp-initiated', profile: 'enhanced', loginPage: 'single-page', expectedOutcome: 'login', outcome: 'login', passed: true,
  relayState: 'rs-1', attributes: { email: ['a@example.com'], roles: ['admin'] },
  checks: [{ id: 'signature', ok: true, status: 'ok', detail: 'Response signed' }],
  fields: [{ field: 'outcome', ok: true, expected: 'login', actual: 'login' }, { field: 'roles', ok: true, expected: '{admin}', actual: '{admin}' }],
  hints: [], loginMs: 310, durationMs: 812.4, xml: '<samlp:Response><saml:Assertion><saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute></saml:Assertion></samlp:Response>',
};

const failing: ReportedScenario = {
  ...passing, id: 'evil-scenario', title: 'Title <script>alert(1)</script>', passed: false, outcome: 'sp-rejected', loginMs: 420, durationMs: 1000,
  attributes: { full_name: ['<script>alert("name")</script>'] },
  checks: [{ id: 'flex', ok: false, status: 'failed', code: 'FLEX_MISSING_REQUIRED', expected: 'email, full_name, roles', actual: 'no roles', detail: 'roles missing <b>', hint: 'set <roles>' }],
  fields: [
    { field: 'outcome', ok: false, expected: 'login', actual: 'sp-rejected (failed: flex)', hint: 'flex: set <roles>' },
    { field: 'roles', ok: false, expected: '{agent}', actual: 'absent', hint: 'roles is missing & "quoted"' },
  ],
  hints: ['flex: set <roles>', 'roles is missing & "quoted"'],
  xml: '<samlp:Response><script>alert("xml")</script></samlp:Response>',
};

export const SAMPLE: RunReport = { scenarios: [passing, failing], durationMs: 2345.6 };
