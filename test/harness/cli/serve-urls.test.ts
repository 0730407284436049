// Issue 18 item 4: `serve sp --json` prints, per Flex profile, a metadata and a login URL that work
// although both profiles are configured (the bare URLs answer 400 SP_PROFILE_REQUIRED).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../../helpers/serve-process.ts';

describe('flex-sso serve sp --json', () => {
  it('prints one working metadataUrl and loginUrl per profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-urls-'));
    const served = await startServeProcess(['all', '--state', join(dir, 'tenant.json'), '--store', join(dir, 'sp')]);
    try {
      const sp = served.ready.sp as {
        metadataUrls: Record<string, string>;
        loginUrls: Record<string, string>;
        metadataUrl: string;
        loginUrl: string;
        audiences: Record<string, string>;
      };
      expect(Object.keys(sp.metadataUrls).sort()).toEqual(['enhanced', 'legacy']);
      expect(Object.keys(sp.loginUrls).sort()).toEqual(['enhanced', 'legacy']);
      for (const profile of ['enhanced', 'legacy']) {
        const metadata = await fetch(sp.metadataUrls[profile] as string);
        expect(metadata.status).toBe(200);
        expect(await metadata.text()).toContain(`entityID="${sp.audiences[profile]}"`);
        const login = await fetch(sp.loginUrls[profile] as string, { redirect: 'manual' });
        expect(login.status).toBe(302);
      }
      expect((await fetch(sp.metadataUrl)).status).toBe(200);
      expect((await fetch(sp.loginUrl, { redirect: 'manual' })).status).toBe(302);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
