// The embedded emulator a recording is replayed on, set up per scenario as the tenant was: the
// scenario's user (with the harness's owner marker, as provisioning tags it) and its Action bound
// alone, the SAML app posting to the recorded ACS, and the addon — the one recorded from the tenant
// (`--addon recorded`, the default: measures the emulator's model of Auth0 given the same settings)
// or the one emulator runs configure (`--addon emulator`: Twilio's guide addon plus the scenario's
// overrides, harness/run/seed.ts; measures whether `flex-sso run` on the emulator predicts this
// tenant). Its identifiers are replaced by the recording's placeholders before comparing.
import { OWNER_KEY } from '../../auth0/ownership.ts';
import { seedScenario, type ActionCache } from '../../run/seed.ts';
import { Redactor } from '../../secrets/redact.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { startFakeIdp, type RunningIdp } from '../../../fake-idp/server.ts';
import { asEmulatorAddon } from '../recording/addon.ts';
import type { RecordedScenario } from '../recording/format.ts';
import { RecordingRedaction } from '../recording/redaction.ts';

export const ADDON_SOURCES = ['recorded', 'emulator'] as const;
export type AddonSource = (typeof ADDON_SOURCES)[number];

/** The replay tenant's domain; `{tenant-domain}` replaces it, as it replaced the tenant's. */
export const REPLAY_DOMAIN = 'replay-tenant.flex-sso.invalid';

export interface ReplayEmulator {
  idp: RunningIdp;
  /** Maps the replay's identifiers onto the recording's placeholders. */
  redaction: RecordingRedaction;
  close(): Promise<void>;
}

export async function startReplayEmulator(options: { actionDependenciesDir?: string } = {}): Promise<ReplayEmulator> {
  // The replay is this process's own client: no Management API rate limit to wait on.
  const idp = await startFakeIdp({
    port: 0,
    domain: REPLAY_DOMAIN,
    rateLimit: false,
    ...(options.actionDependenciesDir ? { actionDependenciesDir: options.actionDependenciesDir } : {}),
  });
  const redaction = new RecordingRedaction(
    { domain: REPLAY_DOMAIN, samlClientId: idp.defaultClientId, managementClientId: idp.managementClientId },
    new Redactor([idp.managementClientSecret]),
  );
  return { idp, redaction, close: () => idp.close() };
}

/** The user as `flex-sso provision` creates it: tagged as the harness's own (Actions may read the tag). */
function asProvisioned(scenario: Scenario): Scenario {
  const marker = { owned: true, scenario: scenario.id };
  return { ...scenario, user: { ...scenario.user, app_metadata: { ...scenario.user.app_metadata, [OWNER_KEY]: marker } } };
}

/** Seeds the scenario; returns its user's password (for the login) and user id (for its log events). */
export function seedReplay(
  emulator: ReplayEmulator,
  scenario: Scenario,
  recorded: RecordedScenario,
  addon: AddonSource,
  cache: ActionCache,
): { password: string; userId: string } {
  const { tenant, defaultClientId } = emulator.idp;
  const { acsUrl, entityId } = recorded.sp;
  const { password } = seedScenario(tenant, asProvisioned(scenario), { clientId: defaultClientId, acsUrl, audience: entityId, callbacks: [acsUrl] }, cache);
  if (addon === 'recorded') tenant.updateApplication(defaultClientId, { addons: { samlp: asEmulatorAddon(recorded.addon) } });
  tenant.state.settings.universalLogin = 'single-page';
  const user = tenant.findUserByEmail(scenario.user.email.toLowerCase());
  if (!user) throw new Error(`the replay emulator did not create the user of scenario ${scenario.id}`);
  return { password, userId: user.user_id };
}
