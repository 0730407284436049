// `flex-sso run --keep`: each Playwright worker keeps its fake SP's run store in <out>/sp-stores/
// (harness/matrix/fixtures/emulator.ts) instead of deleting it; once the matrix is done, a fake SP is
// opened on every kept store so the run's logins (their check tables and decoded XML; a scenario's
// RelayState starts with its id) can be read in the dashboard until Ctrl+C.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSp, type RunningSp } from '../../fake-sp/server/start.ts';
import { defaultProfiles } from '../serve/profiles.ts';

export const KEEP_DIR_ENV = 'FLEX_SSO_KEEP_DIR';

/** An empty <out>/sp-stores for this run's workers. */
export function prepareKeepDir(out: string): string {
  const dir = join(out, 'sp-stores');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fake SP on each kept store: read-only in practice (no IdP certificate is pinned, so a new POST is refused). */
export async function openKeptStores(dir: string): Promise<{ servers: { store: string; sp: RunningSp }[]; close(): Promise<void> }> {
  const stores = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(dir, e.name))
    .sort();
  const servers: { store: string; sp: RunningSp }[] = [];
  try {
    for (const store of stores)
      servers.push({ store, sp: await startFakeSp({ port: 0, storeDir: store, profiles: defaultProfiles(), idp: { certificates: [] } }) });
  } catch (error) {
    await Promise.all(servers.map((s) => s.sp.close()));
    throw error;
  }
  return {
    servers,
    close: async () => {
      await Promise.all(servers.map((s) => s.sp.close()));
    },
  };
}
