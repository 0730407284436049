// One Playwright test per scenario (scenarios/**/*.yaml, or FLEX_SSO_SCENARIOS): seed the worker's
// Auth0 emulator, log in through a fresh browser context, read the fake SP's capture, assert.
import { RESULT_ATTACHMENT, type ScenarioRunResult } from '../../harness/run/observation.ts';
import { runEmulatorScenario } from '../../harness/run/run-scenario.ts';
import { loadScenariosOrThrow } from '../../harness/scenarios/load.ts';
import { expect, test } from './fixtures/emulator.ts';

const scenarios = loadScenariosOrThrow(process.env.FLEX_SSO_SCENARIOS);

function failureMessage(result: ScenarioRunResult): string {
  const lines = result.fields.filter((f) => !f.ok).map((f) => `${f.field}: expected ${f.expected}, received ${f.actual}${f.hint ? `\n    hint: ${f.hint}` : ''}`);
  if (result.error) lines.push(`error: ${result.error}`);
  return `scenario ${result.id} (${result.file}) failed:\n  ${lines.join('\n  ')}`;
}

test.describe.configure({ mode: 'parallel' });

for (const scenario of scenarios) {
  test(`${scenario.id}: ${scenario.title}`, {
    tag: scenario.tags.map((t) => `@${t}`),
    annotation: [{ type: 'scenario', description: scenario.id }],
  }, async ({ page, emulator }, testInfo) => {
    const { result, postedSamlResponse, verdict } = await runEmulatorScenario(page, emulator, scenario, emulator.actions);
    await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
    if (result.xml) await testInfo.attach('saml-response.xml', { body: result.xml, contentType: 'application/xml' });
    if (postedSamlResponse) await testInfo.attach('SAMLResponse.b64', { body: postedSamlResponse, contentType: 'text/plain' });
    if (verdict) await testInfo.attach('verdict.json', { body: JSON.stringify({ ...verdict, xml: undefined }, null, 2), contentType: 'application/json' });
    expect(result.passed, failureMessage(result)).toBe(true);
  });
}
