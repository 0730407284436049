// The parent side of `flex-sso run --mode staging|intercept`: read the tenant (SAML app, bindings,
// signing certificate), check the app sends its responses where the mode needs them, decide which
// scenarios can run, provision their users, start the fake SP, and hand all that to the workers.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openAdminContext, type AdminContext } from '../auth0/cli-context.ts';
import { desiredFromScenarios, provisionUsers } from '../auth0/provision.ts';
import type { Auth0Admin, BindingInfo } from '../auth0/types.ts';
import { CliError, EXIT, usageError } from '../cli/errors.ts';
import type { FlexConsoleConfig } from '../config/schema.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { startFakeSp, type FakeSpOptions, type FlexProfileConfig, type RunningSp } from '../../fake-sp/server/start.ts';
import type { RecordingContext } from '../fidelity/recording/finish.ts';
import { serverError } from '../serve/server-errors.ts';
import { boundActionCodes, realTenantSkipReason, shardEmail, withUserEmail } from './applicability.ts';
import { writePlan, type PlannedScenario, type RealMode, type RealTenantPlan } from './plan-file.ts';
import { flexAcsPath, flexAudience } from '../../flex/profile.ts';
import { formatProblems, interceptPreflight, stagingPreflight } from './preflight.ts';
import { failsLoginOnPurpose, unblockUsers } from './unblock.ts';

export interface PreparedRun {
  planFile: string;
  plan: RealTenantPlan;
  sp: RunningSp;
  /** `--record DIR`: completed by `flex-sso run` after the logins (harness/fidelity/recording/finish.ts). */
  recording?: RecordingContext;
  /** Stops the fake SP and deletes the plan file (it holds passwords). */
  close(): Promise<void>;
}

export interface PrepareOptions {
  mode: RealMode;
  scenarios: readonly Scenario[];
  shard?: { index: number; total: number };
  config?: string;
  env?: NodeJS.ProcessEnv;
  /** `--record DIR` (absolute, already created). */
  record?: { dir: string };
}

function spProfile(flex: FlexConsoleConfig): FlexProfileConfig {
  return flex.profile === 'enhanced' ? { kind: 'enhanced', connectionId: flex.connectionId ?? '' } : { kind: 'legacy', accountSid: flex.accountSid ?? '' };
}

async function signingCertificate(ctx: AdminContext, flex: FlexConsoleConfig): Promise<string> {
  if (flex.certificateFile !== undefined) {
    const path = resolve(ctx.loaded.file ? dirname(ctx.loaded.file) : process.cwd(), flex.certificateFile);
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw usageError(
        'FLEX_CERTIFICATE_FILE',
        `flex.certificateFile: no readable file at ${path}.`,
        'Point flex.certificateFile at the PEM uploaded to the Flex console (relative to the config file).',
      );
    }
  }
  const url = `https://${ctx.domain}/pem`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'error' });
    const text = await response.text();
    if (!response.ok || !text.includes('BEGIN CERTIFICATE')) throw new Error(`HTTP ${response.status}`);
    return text;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw usageError(
      'TENANT_PEM_UNREACHABLE',
      `cannot read the tenant's signing certificate at ${url}: ${cause ?? (error as Error).message}`,
      'check AUTH0_DOMAIN and the network, or set flex.certificateFile to the PEM uploaded to the Flex console',
    );
  }
}

async function startSp(options: FakeSpOptions): Promise<RunningSp> {
  try {
    return await startFakeSp(options);
  } catch (error) {
    throw serverError(error);
  }
}

async function readBindings(admin: Auth0Admin): Promise<BindingInfo[]> {
  // A binding's embedded action may omit the code: read each bound Action for its deployed version.
  const out: BindingInfo[] = [];
  for (const binding of await admin.listPostLoginBindings())
    out.push(binding.action.id ? { ...binding, action: await admin.getAction(binding.action.id) } : binding);
  return out;
}

export async function prepareRealTenantRun(options: PrepareOptions): Promise<PreparedRun> {
  const ctx = await openAdminContext({ ...(options.config !== undefined ? { config: options.config } : {}), needs: ['samlClientId'] }, options.env);
  const { config } = ctx.loaded;
  const flex = config.flex;
  if (!flex) {
    throw usageError(
      'FLEX_CONFIG_MISSING',
      `--mode ${options.mode}: flex-sso.config.yaml has no flex section, so the fake SP does not know the Flex connection or account`,
      'add `flex: { profile: enhanced, connectionId: JQ… }` (or legacy + accountSid) to flex-sso.config.yaml; `flex-sso init` writes an example',
    );
  }
  const samlClientId = ctx.loaded.env.samlClientId ?? '';
  const profile = spProfile(flex);
  const audience = flexAudience(profile);
  const client = await ctx.admin.getClient(samlClientId);
  const localAcs = `http://127.0.0.1:${config.sp.port}${flexAcsPath(profile)}`;
  let tenantAcsUrl: string;
  if (options.mode === 'staging') {
    const problems = stagingPreflight(client, { acsUrl: localAcs, audience, spPort: config.sp.port });
    if (problems.length > 0)
      throw usageError(
        'STAGING_PREFLIGHT',
        `the tenant is not set up for --mode staging:\n${formatProblems(problems)}`,
        'make the changes above (or run --mode intercept, which needs none), then run again',
      );
    tenantAcsUrl = localAcs;
  } else {
    const { acsUrl, problems } = interceptPreflight(client, { acsPath: flexAcsPath(profile), audience });
    if (!acsUrl || problems.length > 0)
      throw usageError(
        'INTERCEPT_PREFLIGHT',
        `the tenant is not set up for --mode intercept:\n${formatProblems(problems)}`,
        'make the changes above, then run again',
      );
    tenantAcsUrl = acsUrl;
  }
  const certificate = await signingCertificate(ctx, flex);
  const bound = boundActionCodes(await readBindings(ctx.admin));
  const recording =
    options.record === undefined ? undefined : await recordingContext(ctx, options, { acsUrl: tenantAcsUrl, entityId: audience }, client.samlp, bound);

  const sp = await startSp({
    port: options.mode === 'staging' ? config.sp.port : 0,
    storeDir: resolve(ctx.loaded.file ? dirname(ctx.loaded.file) : process.cwd(), config.sp.storeDir),
    skewSeconds: config.sp.skewSeconds,
    profiles: [profile],
    idp: {
      certificates: [certificate],
      issuer: flex.idpIssuer ?? `urn:${ctx.domain}`,
      ssoUrl: flex.ssoUrl ?? `https://${ctx.domain}/samlp/${samlClientId}?connection=${encodeURIComponent(config.auth0.connection)}`,
    },
    ...(options.mode === 'intercept' ? { publicUrl: new URL(tenantAcsUrl).origin } : {}),
  });
  try {
    const planned: Record<string, PlannedScenario> = {};
    const runnable: Scenario[] = [];
    for (const scenario of options.scenarios) {
      const reason = realTenantSkipReason(scenario, { profile: flex.profile, bound });
      if (reason) planned[scenario.id] = { run: false, reason };
      else runnable.push(withUserEmail(scenario, shardEmail(scenario.user.email, options.shard)));
    }
    ctx.progress(`${runnable.length} of ${options.scenarios.length} scenario(s) can run on ${ctx.domain}; provisioning their users`);
    const provisioned = await provisionUsers(ctx.admin, desiredFromScenarios(runnable), {
      testUserDomain: config.auth0.testUserDomain,
      connection: config.auth0.connection,
      resetGeneratedPasswords: true,
      progress: ctx.progress,
    });
    const applied = provisioned.applied;
    const toUnblock: { email: string; userId: string }[] = [];
    for (const scenario of runnable) {
      const email = scenario.user.email.toLowerCase();
      const user = applied?.users.find((u) => u.email.toLowerCase() === email);
      const password = applied?.passwords.get(email);
      if (!user || password === undefined)
        throw new CliError(
          'PROVISION_INCOMPLETE',
          `user ${scenario.user.email} of scenario ${scenario.id} was not provisioned with a known password`,
          'run `flex-sso provision --dry-run` to see the plan',
          EXIT.failed,
        );
      planned[scenario.id] = { run: true, email: scenario.user.email, userId: user.userId, password };
      // Generated passwords are secrets of this run: redacted in its output and in a recording.
      ctx.redactor.add(password);
      if (failsLoginOnPurpose(scenario)) toUnblock.push({ email: scenario.user.email, userId: user.userId });
    }
    await unblockUsers(ctx.admin, toUnblock, ctx.progress);
    const plan: RealTenantPlan = {
      mode: options.mode,
      domain: ctx.domain,
      samlClientId,
      samlUrl: `https://${ctx.domain}/samlp/${encodeURIComponent(samlClientId)}`,
      profile: flex.profile,
      tenantAcsUrl,
      sp: { url: sp.url, loginUrl: sp.loginUrl, acsUrl: `${sp.url}${flexAcsPath(profile)}` },
      scenarios: planned,
      ...(recording ? { record: recording.settings } : {}),
    };
    const handle = writePlan(plan);
    return {
      planFile: handle.file,
      plan,
      sp,
      ...(recording ? { recording } : {}),
      close: async () => {
        handle.dispose();
        await sp.close();
      },
    };
  } catch (error) {
    await sp.close();
    throw error;
  }
}

async function recordingContext(
  ctx: AdminContext,
  options: PrepareOptions,
  sp: { acsUrl: string; entityId: string },
  addon: Record<string, unknown> | undefined,
  bound: { name: string; code: string }[],
): Promise<RecordingContext> {
  const { createRecordingContext } = await import('../fidelity/recording/context.ts');
  const env = ctx.loaded.env;
  return createRecordingContext({
    dir: options.record?.dir ?? '',
    mode: options.mode,
    domain: ctx.domain,
    samlClientId: env.samlClientId ?? '',
    management: { clientId: env.mgmtClientId ?? '', clientSecret: env.mgmtClientSecret ?? '' },
    redactor: ctx.redactor,
    sp,
    addon,
    bound,
    progress: ctx.progress,
    ...(options.env ? { env: options.env } : {}),
  });
}
