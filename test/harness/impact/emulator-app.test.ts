// The whole emulator as `flex-sso serve idp --https` runs it (fake-idp/app.ts): the export job and
// the download behind its `location` are wired there, so `impact` reads a tenant past the paging
// cap from a served emulator exactly as from Auth0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';
import { CANDIDATE, EXPECTED_SUMMARY, seedTenant } from './seed.ts';

const TIMEOUT = 120_000;
let emulator: HttpsEmulator;

beforeAll(async () => {
  emulator = await startHttpsEmulator({ rateLimit: false });
  seedTenant(emulator.idp.tenant);
}, TIMEOUT);
afterAll(async () => {
  await emulator.close();
});

describe('flex-sso impact against `serve idp --https`', () => {
  it(
    'goes through the export job and its download on the served emulator',
    async () => {
      const candidate = emulator.writeFile('flex-pattern-a.js', CANDIDATE);
      const result = await emulator.cli(['impact', candidate, '--json', '--now', '2026-12-01T00:00:00Z'], { FLEX_SSO_IMPACT_PAGING_LIMIT: '5' });
      expect(result.stderr).toMatch(/export job job_[A-Za-z0-9]{16} started/);
      expect(result.stderr).toMatch(/tenant read: 10 users in \d+\.\d s \(users-export job/);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { usersChecked: number; summary: unknown };
      expect(json.usersChecked).toBe(10);
      expect(json.summary).toEqual(EXPECTED_SUMMARY);
    },
    TIMEOUT,
  );
});
