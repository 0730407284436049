// One Playwright test per scenario (FLEX_SSO_SCENARIOS, else the run's default: see below): seed the worker's
// Auth0 emulator, log in through the worker's login tab (reset to no IdP session), read the fake
// SP's login record, assert.
import { ATTACHMENTS, SCENARIO_FILE_ANNOTATION } from '../reports/attachments.ts';
import { failureMessage } from '../reports/failure.ts';
import { runEmulatorScenario } from '../run/run-scenario.ts';
import { readScenarioCache, SCENARIO_CACHE_ENV } from '../scenarios/cache.ts';
import { expect, test } from './fixtures/emulator.ts';

// `flex-sso run` hands over the scenarios it has just validated; otherwise (npx playwright test) load the YAML.
// Without --scenarios, the files the project's config names (FLEX_SSO_SCENARIO_SOURCE), else the shipped ones.
const scenarios =
  readScenarioCache(process.env[SCENARIO_CACHE_ENV], process.env.FLEX_SSO_SCENARIOS) ??
  (await import('../scenarios/load.ts')).loadScenariosOrThrow(process.env.FLEX_SSO_SCENARIOS, {
    source: (await import('../scenarios/default-source.ts')).scenarioSourceFromEnv(),
  });

test.describe.configure({ mode: 'parallel' });
// Traces stay on failure with the action log (each goto, fill and click with its URL, timing and
// error) and the sources, but without screenshots or snapshots (DOM and network): recorded for
// every test and kept only on failure, they cost a large share of each login (BENCHMARKS.md,
// bench/matrix.ts). What the network would show — the posted
// SAMLResponse, its decoded XML and the SP's verdict — is attached to every test below.
test.use({ trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false, sources: true } });

for (const scenario of scenarios) {
  test(
    `${scenario.id}: ${scenario.title}`,
    {
      tag: scenario.tags.map((t) => `@${t}`),
      annotation: [
        { type: 'scenario', description: scenario.id },
        { type: SCENARIO_FILE_ANNOTATION, description: `${scenario.file}:${scenario.line}` },
      ],
    },
    async ({ loginPage, emulator }, testInfo) => {
      const { result, postedSamlResponse, verdict } = await runEmulatorScenario(loginPage, emulator, scenario, emulator.actions);
      await testInfo.attach(ATTACHMENTS.result, { body: JSON.stringify(result), contentType: 'application/json' });
      if (result.xml) await testInfo.attach(ATTACHMENTS.samlXml, { body: result.xml, contentType: 'application/xml' });
      if (postedSamlResponse) await testInfo.attach(ATTACHMENTS.samlBase64, { body: postedSamlResponse, contentType: 'text/plain' });
      if (verdict)
        await testInfo.attach(ATTACHMENTS.verdict, { body: JSON.stringify({ ...verdict, xml: undefined }, null, 2), contentType: 'application/json' });
      expect(result.passed, failureMessage(result)).toBe(true);
    },
  );
}
