// `flex-sso serve idp|all` as the owner of its state file (state-owner.ts): the owner record, the
// control channel `login` uses (`all` only), and `--seed`.
import type { RunningServers } from './start-servers.ts';
import { startControl } from './control.ts';
import { howToLogin, seedScenarioUsers, seedSelection } from './loop.ts';
import { claimState, newControlToken, ownerFileOf } from './state-owner.ts';

export interface OwnedLoop {
  describe(): Record<string, unknown>;
  summary(): string;
  close(): Promise<void>;
}

export async function ownLoop(running: RunningServers, options: { statePath: string; seed?: string }): Promise<OwnedLoop> {
  const { idp, sp } = running;
  if (!idp) return { describe: () => ({}), summary: () => '', close: async () => undefined };
  const token = newControlToken();
  const control = sp ? await startControl({ idp, sp }, token) : undefined;
  let claim: { release(): void };
  try {
    claim = claimState(options.statePath, {
      target: sp ? 'all' : 'idp',
      idp: { url: idp.url, samlUrl: idp.samlUrl() },
      ...(sp ? { sp: { url: sp.url, dashboardUrl: sp.dashboardUrl } } : {}),
      ...(control ? { control: { url: control.url, token } } : {}),
    });
  } catch (error) {
    await control?.close();
    throw error;
  }
  const seeded = options.seed !== undefined && sp ? seedScenarioUsers(idp, sp, seedSelection(options.seed)) : [];
  const example = seeded[0]?.user.email ?? 'pa-admin@flex-sso.test';
  return {
    describe: () => ({
      stateOwnerFile: ownerFileOf(options.statePath),
      ...(seeded.length ? { seeded: seeded.map((s) => ({ scenario: s.id, email: s.user.email })) } : {}),
    }),
    summary: () => {
      if (!sp) return '';
      const lines = seeded.length
        ? [
            `Seeded ${seeded.length} scenario user(s): ${seeded
              .slice(0, 4)
              .map((s) => s.user.email)
              .join(', ')}${seeded.length > 4 ? ', …' : ''}`,
          ]
        : [];
      return `${lines.join('\n')}${lines.length ? '\n' : ''}${howToLogin(options.statePath, sp, idp, example)}`;
    },
    close: async () => {
      claim.release();
      await control?.close();
    },
  };
}
