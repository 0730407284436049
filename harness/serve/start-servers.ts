// Starts the fake SP, the Auth0 emulator or both, wired as a real tenant and Flex would be:
// the emulator's SAML app posts to the SP's ACS, the SP pins the emulator's certificate.
import { readFile } from 'node:fs/promises';
import type { RateLimitSetting } from '../../fake-idp/management/rate-limit.ts';
import { startFakeIdp, type RunningIdp } from '../../fake-idp/server.ts';
import { startFakeSp, type RunningSp } from '../../fake-sp/server/start.ts';
import { usageError } from '../cli/errors.ts';
import { didYouMean } from '../../flex/did-you-mean.ts';
import { actionFileFor } from '../scenarios/load.ts';
import { BUILTIN_ACTIONS } from '../scenarios/schema.ts';
import { serverError } from './server-errors.ts';
import { defaultProfiles, DEFAULT_ACCOUNT_SID, DEFAULT_CONNECTION_ID, validAccountSid, validConnectionId } from './profiles.ts';
import type { FlexPattern } from '../../flex/patterns.ts';

export type ServeTarget = 'sp' | 'idp' | 'all';

export interface ServeSettings {
  target: ServeTarget;
  spPort: number;
  idpPort: number;
  statePath: string;
  storeDir: string;
  https: boolean;
  connectionId?: string;
  accountSid?: string;
  certificates: string[];
  issuer?: string;
  ssoUrl?: string;
  action: string;
  /** `--pattern A|B`: the Flex pattern the fake SP judges logins against (the dashboard lists what a login lacks). */
  pattern?: FlexPattern;
  /** Emulator: tenant log events become searchable this long after they happen (Auth0 indexes late). */
  logDelayMs?: number;
  /** Emulator: Management API rate limit (default: Auth0's Free plan, burst 2 at 2/s). */
  rateLimit?: RateLimitSetting;
}

export interface RunningServers {
  idp?: RunningIdp;
  sp?: RunningSp;
  describe(): Record<string, unknown>;
  summary(): string;
  close(): Promise<void>;
}

export async function readActionCode(nameOrPath: string, baseDir = process.cwd()): Promise<string> {
  const file = actionFileFor(nameOrPath, baseDir);
  try {
    return await readFile(file, 'utf8');
  } catch {
    const near = /[/\\]|\.(c|m)?js$/.test(nameOrPath) ? undefined : didYouMean(nameOrPath, BUILTIN_ACTIONS, 3);
    throw usageError(
      'ACTION_UNREADABLE',
      `Action "${nameOrPath}": cannot read ${file}${near ? ` — did you mean "${near}"?` : '.'}`,
      `Use one of ${BUILTIN_ACTIONS.join(', ')} or a path to an Action .js file.`,
    );
  }
}

function checkIds(settings: ServeSettings): { connectionId: string; accountSid: string } {
  const connectionId = settings.connectionId ?? DEFAULT_CONNECTION_ID;
  const accountSid = settings.accountSid ?? DEFAULT_ACCOUNT_SID;
  if (!validConnectionId(connectionId))
    throw usageError(
      'SERVE_CONNECTION',
      `--connection: expected JQ followed by 32 hex digits, received "${connectionId}".`,
      'Copy the connection id from the Flex console (Enhanced SSO).',
    );
  if (!validAccountSid(accountSid))
    throw usageError(
      'SERVE_ACCOUNT',
      `--account: expected AC followed by 32 hex digits, received "${accountSid}".`,
      'Copy the Account SID from the Twilio console.',
    );
  return { connectionId, accountSid };
}

/** Points the emulator's SAML app at the SP's Enhanced ACS and binds the chosen Action. */
export async function wireEmulatorToSp(idp: RunningIdp, sp: RunningSp, actionNameOrPath: string): Promise<void> {
  const tenant = idp.tenant;
  const clientId = idp.defaultClientId;
  const acs = sp.acsUrls.enhanced ?? sp.acsUrls.legacy;
  const audience = sp.acsUrls.enhanced ? sp.audiences.enhanced : sp.audiences.legacy;
  if (!acs || !audience) return;
  const app = tenant.getApplication(clientId);
  tenant.updateApplication(clientId, {
    callbacks: [acs, ...Object.values(sp.acsUrls).filter((u): u is string => typeof u === 'string' && u !== acs)],
    addons: { samlp: { ...(app?.addons.samlp ?? {}), audience, recipient: acs, destination: acs, signResponse: true } },
  });
  const code = await readActionCode(actionNameOrPath);
  const name = `flex-sso ${actionNameOrPath.replace(/[^\w.-]+/g, '-')}`;
  const existing = tenant.listActions().find((a) => a.name === name);
  const action = existing ? tenant.updateAction(existing.id, { code }) : tenant.createAction({ name, code });
  tenant.deployAction(action.id);
  tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id }, display_name: name }]);
}

export async function startServers(settings: ServeSettings): Promise<RunningServers> {
  const ids = checkIds(settings);
  let idp: RunningIdp | undefined;
  let sp: RunningSp | undefined;
  try {
    if (settings.target !== 'sp') {
      idp = await startFakeIdp({
        port: settings.idpPort,
        statePath: settings.statePath,
        https: settings.https,
        ...(settings.logDelayMs === undefined ? {} : { logDelayMs: settings.logDelayMs }),
        ...(settings.rateLimit === undefined ? {} : { rateLimit: settings.rateLimit }),
      });
    }
    if (settings.target !== 'idp') {
      const idpSide = idp
        ? { certificates: [idp.tenant.state.signing.certPem], issuer: idp.issuer, ssoUrl: idp.samlUrl() }
        : { certificates: settings.certificates, issuer: settings.issuer, ssoUrl: settings.ssoUrl };
      sp = await startFakeSp({
        port: settings.spPort,
        profiles: defaultProfiles(ids.connectionId, ids.accountSid),
        idp: idpSide,
        storeDir: settings.storeDir,
        ...(settings.pattern === undefined ? {} : { pattern: settings.pattern }),
      });
    }
    if (idp && sp) await wireEmulatorToSp(idp, sp, settings.action);
  } catch (error) {
    await sp?.close().catch(() => undefined);
    await idp?.close().catch(() => undefined);
    throw serverError(error);
  }
  return {
    idp,
    sp,
    describe: () => describeServers(idp, sp),
    summary: () => summarize(idp, sp),
    async close() {
      await sp?.close();
      await idp?.close();
    },
  };
}

function describeServers(idp: RunningIdp | undefined, sp: RunningSp | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (idp) {
    out.idp = {
      domain: idp.domain,
      issuer: idp.issuer,
      url: idp.url,
      samlUrl: idp.samlUrl(),
      metadataUrl: idp.metadataUrl(),
      loginUrl: idp.loginUrl,
      tokenUrl: idp.tokenUrl,
      managementUrl: idp.managementUrl,
      pemUrl: idp.pemUrl,
      clientId: idp.defaultClientId,
      managementClientId: idp.managementClientId,
      managementClientSecret: idp.managementClientSecret,
      ...(idp.caFile ? { caFile: idp.caFile } : {}),
      realtimeLogsUrl: idp.realtimeLogsUrl,
      realtimeLogsPageUrl: `${idp.realtimeLogsUrl}/page`,
    };
  }
  if (sp) {
    out.sp = {
      url: sp.url,
      acsUrl: sp.acsUrls.enhanced ?? sp.acsUrls.legacy,
      acsUrls: sp.acsUrls,
      audiences: sp.audiences,
      // One working URL per profile; metadataUrl/loginUrl are the first profile's (Enhanced when configured).
      dashboardUrl: sp.dashboardUrl,
      metadataUrls: sp.metadataUrls,
      loginUrls: sp.loginUrls,
      metadataUrl: sp.metadataUrls.enhanced ?? sp.metadataUrls.legacy,
      loginUrl: sp.loginUrls.enhanced ?? sp.loginUrls.legacy,
      // Run store problems found at startup (torn last line after a crash, corrupted lines).
      storeWarnings: [...sp.store.warnings],
    };
  }
  return out;
}

function summarize(idp: RunningIdp | undefined, sp: RunningSp | undefined): string {
  const lines: string[] = [];
  if (idp) {
    lines.push(`Auth0 emulator  ${idp.url}  (issuer ${idp.issuer})`);
    lines.push(`  SAML login    ${idp.samlUrl()}`);
    lines.push(`  metadata      ${idp.metadataUrl()}`);
    if (idp.caFile) lines.push(`  local CA      ${idp.caFile}  (export NODE_EXTRA_CA_CERTS=${idp.caFile})`);
    lines.push(`  Action logs   ${idp.realtimeLogsUrl}/page  (real-time logs: console output of the Actions)`);
  }
  if (sp) {
    lines.push(`fake Flex SP    ${sp.url}`);
    if (sp.acsUrls.enhanced) lines.push(`  Enhanced ACS  ${sp.acsUrls.enhanced}  (audience ${sp.audiences.enhanced})`);
    if (sp.metadataUrls.enhanced) lines.push(`    metadata    ${sp.metadataUrls.enhanced}`);
    if (sp.acsUrls.legacy) lines.push(`  Legacy ACS    ${sp.acsUrls.legacy}  (audience ${sp.audiences.legacy})`);
    if (sp.metadataUrls.legacy) lines.push(`    metadata    ${sp.metadataUrls.legacy}`);
    lines.push(`  dashboard     ${sp.dashboardUrl}`);
    for (const warning of sp.store.warnings) lines.push(`  store warning ${warning}`);
  }
  lines.push('Press Ctrl+C to stop.');
  return `${lines.join('\n')}\n`;
}
