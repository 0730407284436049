// `flex-sso run --mode staging|intercept`: one test per selected scenario against a real Auth0
// tenant (or the emulator posing as one). `flex-sso run` has already provisioned the users and
// started the fake SP; it hands them over in the plan file named by FLEX_SSO_REAL_TENANT_PLAN.
// Without that file (plain `playwright test`) this spec defines no test.
import { test, expect } from '@playwright/test';
import type { TenantLogLookup } from '../auth0/tenant-logs.ts';
import { withUserEmail } from '../modes/applicability.ts';
import { PLAN_ENV, readPlan } from '../modes/plan-file.ts';
import { runRealTenantScenario, waitForTenantLogs } from '../modes/run-real-scenario.ts';
import { insecureTlsRequested } from '../modes/worker-env.ts';
import { ATTACHMENTS, SCENARIO_FILE_ANNOTATION } from '../reports/attachments.ts';
import { failureMessage } from '../reports/failure.ts';
import { scenarioSourceFromEnv } from '../scenarios/default-source.ts';
import { loadScenariosOrThrow } from '../scenarios/load.ts';
import { redactorFromEnv } from '../secrets/redact.ts';

const planFile = process.env[PLAN_ENV];
const plan = planFile ? readPlan(planFile) : undefined;
const scenarios = plan
  ? loadScenariosOrThrow(process.env.FLEX_SSO_SCENARIOS, { source: scenarioSourceFromEnv() }).filter((s) => plan.scenarios[s.id] !== undefined)
  : [];

async function tenantLogsFor(userId: string, window: { from: Date; to: Date }): Promise<TenantLogLookup | { error: string }> {
  const env = process.env;
  const redactor = redactorFromEnv(env);
  try {
    // The auth0 SDK loads only when a scenario failed (plain `playwright test` never pays for it).
    const { createLogsSource, fetchTenantLogs } = await import('../auth0/tenant-logs.ts');
    const source = createLogsSource({
      domain: env.AUTH0_DOMAIN ?? '',
      clientId: env.AUTH0_MGMT_CLIENT_ID ?? '',
      clientSecret: env.AUTH0_MGMT_CLIENT_SECRET ?? '',
      redactor,
    });
    // A few seconds either side: the tenant's clock and this machine's are not the same clock.
    const query = { userId, from: new Date(window.from.getTime() - 5_000), to: new Date(window.to.getTime() + 5_000) };
    const waitMs = Number(env.FLEX_SSO_TENANT_LOG_WAIT_MS ?? 10_000);
    return redactor.redactValue(await waitForTenantLogs(() => fetchTenantLogs(source, query), { waitMs: Number.isFinite(waitMs) ? waitMs : 10_000 }));
  } catch (error) {
    return { error: redactor.redact((error as Error).message) };
  }
}

test.describe.configure({ mode: 'parallel' });
// The local CA of the emulator in tests; never set for a real tenant (documented in docs/real-tenants.md).
test.use({ ignoreHTTPSErrors: insecureTlsRequested(process.env), trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true } });

for (const original of scenarios) {
  const entry = plan?.scenarios[original.id];
  test(
    `${original.id}: ${original.title}`,
    {
      tag: original.tags.map((t) => `@${t}`),
      annotation: [
        { type: 'scenario', description: original.id },
        { type: SCENARIO_FILE_ANNOTATION, description: `${original.file}:${original.line}` },
      ],
    },
    async ({ page }, testInfo) => {
      if (!plan || !entry) throw new Error(`scenario ${original.id} is not in the plan`);
      test.skip(!entry.run, entry.run ? '' : entry.reason);
      if (!entry.run) return;
      const scenario = withUserEmail(original, entry.email);
      const run = await runRealTenantScenario(page, plan, scenario, { password: entry.password });
      if (plan.record) {
        // --record: the posted response and who logged in when; never changes the verdict below.
        const { recordAttempt } = await import('../fidelity/recording/capture.ts');
        const problem = recordAttempt(plan.record, {
          scenarioId: original.id,
          userId: entry.userId,
          password: entry.password,
          window: run.window,
          outcome: run.result.outcome,
          passed: run.result.passed,
          ...(run.postedSamlResponse ? { postedSamlResponse: run.postedSamlResponse } : {}),
        });
        if (problem) testInfo.annotations.push({ type: 'warning', description: problem });
      }
      await testInfo.attach(ATTACHMENTS.result, { body: JSON.stringify(run.result), contentType: 'application/json' });
      if (run.result.xml) await testInfo.attach(ATTACHMENTS.samlXml, { body: run.result.xml, contentType: 'application/xml' });
      if (run.ledger)
        await testInfo.attach(ATTACHMENTS.intercept, { body: JSON.stringify({ ...run.ledger, leaked: run.leaked ?? [] }), contentType: 'application/json' });
      if (!run.result.passed) {
        const logs = await tenantLogsFor(entry.userId, run.window);
        await testInfo.attach(ATTACHMENTS.tenantLogs, { body: JSON.stringify(logs), contentType: 'application/json' });
      }
      expect(run.leaked ?? [], 'requests to Flex that were not intercepted').toEqual([]);
      expect(run.result.passed, failureMessage(run.result)).toBe(true);
    },
  );
}
