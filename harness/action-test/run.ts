// Runs one Action file offline against test users — no browser, no tenant — through the same
// runner the Auth0 emulator uses, and says for each user what SAML attributes it would emit. A
// scenario's declared dependencies load from the cache (.flex-sso/action-deps; `flex-sso run`
// fills it) and its fetch stubs answer the Action's fetch calls.
import { basename, extname, resolve } from 'node:path';
import { buildPostLoginEvent } from '../../fake-idp/actions/event.ts';
import { ActionRunner, type PostLoginOutcome } from '../../fake-idp/actions/runner.ts';
import { REQUIRED_FLEX_ATTRIBUTES } from '../../fake-sp/pipeline/flex-attributes.ts';
import type { CheckResult, Verdict } from '../../fake-sp/pipeline/types.ts';
import { dryLogin } from './dry-login.ts';
import { flexCheck, judgeScenario, type ScenarioJudgement } from './judge.ts';
import type { TestUser } from './users.ts';

export interface ActionTestResult {
  /** The Action file that ran, as given. */
  actionFile: string;
  source: string;
  id?: string;
  email: string;
  /** The Action ran to the end, did not deny, and emitted at least one attribute. */
  emitted: boolean;
  /** Flex-required attributes the Action did not emit (or removed / left empty). */
  missingRequired: string[];
  outcome: PostLoginOutcome;
  /** The fake SP's verdict on the response Auth0 would build from this run (undefined: an error page). */
  verdict?: Verdict;
  /** The verdict's `flex` check, when it ran. */
  flex?: CheckResult;
  /** A scenario's `expect` compared with the dry login, or why it was not. */
  scenario?: ScenarioJudgement;
  /**
   * The judgement: a compared scenario's expectation; a scenario not compared (another Action's, or
   * decided on the login page) never fails the run; a plain user passes when Flex accepts the login.
   */
  passed: boolean;
}

export interface ActionTestOptions {
  now: Date;
  timeoutMs?: number;
}

export async function testAction(actionFile: string, code: string, users: TestUser[], options: ActionTestOptions): Promise<ActionTestResult[]> {
  const runner = new ActionRunner({ poolSize: 1, timeoutMs: options.timeoutMs ?? 20_000, now: () => options.now });
  const name = basename(actionFile, extname(actionFile));
  try {
    const results: ActionTestResult[] = [];
    for (const testUser of users) {
      const event = buildPostLoginEvent({
        user: testUser.user,
        client: { client_id: 'flex-sso-action-test', name: 'Twilio Flex (flex-sso action-test)' },
        request: { ip: '127.0.0.1', hostname: 'action-test.flex-sso.local', userAgent: 'flex-sso action-test' },
        tenantId: 'action-test',
        now: options.now,
        ...(testUser.roles ? { roles: testUser.roles } : {}),
      });
      const outcome = await runner.run([{ id: `act_${name}`, name, code, secrets: {}, dependencies: testUser.dependencies ?? [] }], event, {
        fetchStubs: testUser.fetchStubs ?? [],
      });
      const attributes = outcome.saml.attributes;
      const dry = await dryLogin({
        user: testUser.user,
        outcome,
        now: options.now,
        ...(testUser.scenario
          ? { profile: testUser.scenario.profile, addon: testUser.scenario.addon, ...(testUser.scenario.fault ? { fault: testUser.scenario.fault } : {}) }
          : {}),
      });
      const verdict = dry.kind === 'response' ? dry.verdict : undefined;
      const flex = verdict ? flexCheck(verdict) : undefined;
      const scenario = testUser.scenario ? judgeScenario(testUser.scenario, resolve(actionFile), dry) : undefined;
      results.push({
        actionFile,
        source: testUser.source,
        ...(testUser.id ? { id: testUser.id } : {}),
        email: event.user.email,
        emitted: outcome.ok && Object.values(attributes).some((value) => value !== null),
        missingRequired: outcome.ok ? REQUIRED_FLEX_ATTRIBUTES.filter((attr) => !hasValue(attributes[attr])) : [],
        outcome,
        ...(verdict ? { verdict } : {}),
        ...(flex ? { flex } : {}),
        ...(scenario ? { scenario } : {}),
        passed: scenario ? (scenario.compared ? scenario.assertion.passed : true) : verdict?.valid === true,
      });
    }
    return results;
  } finally {
    await runner.close();
  }
}

function hasValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/** The likely fix for a failed run, in the words of the seeds' troubleshooting table. */
export function hintFor(outcome: PostLoginOutcome): string | undefined {
  const error = outcome.error;
  if (!error) return outcome.denied ? 'The Action called api.access.deny(): Auth0 answers with a SAML error status and no Assertion.' : undefined;
  if (error.kind === 'syntax') return 'Fix the syntax error; Auth0 refuses to deploy an Action that does not compile.';
  if (error.kind === 'missing-handler') return 'Export the handler: exports.onExecutePostLogin = async (event, api) => { … }';
  if (error.kind === 'timeout') return "Auth0 stops a login's Actions after 20 s: look for an endless loop or a promise that never settles.";
  if (/reading 'roles'|reading 'flex'/.test(error.message)) {
    return 'The user has no app_metadata.flex.roles: add {"flex":{"roles":["agent"]}} to the user\'s app_metadata (admin, supervisor or agent).';
  }
  if (/Cannot find module/.test(error.message)) return 'Actions here run without npm dependencies or Node modules; remove the require().';
  return undefined;
}
