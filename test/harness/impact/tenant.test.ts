// `flex-sso impact` against the emulator standing in for a tenant over HTTPS, driven by the real CLI
// (auth0 SDK v7 unmodified, NODE_EXTRA_CA_CERTS trusting the local CA), at Auth0's Free-plan rate
// limit (burst 2, 2/s): seeded users, Pattern A bound behind another Action, and a candidate that
// changes some users' roles, denies others, accepts one and throws for one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant } from '../../fake-idp/tenant/fixtures.ts';
import { CANDIDATE, EXPECTED_SUMMARY, expectedUsers, seedTenant } from './seed.ts';
import { startImpactTenant, type ImpactTenant } from './tenant-api.ts';

const TIMEOUT = 120_000;
const { tenant } = newTenant();
let api: ImpactTenant;
let candidate: string;

beforeAll(async () => {
  seedTenant(tenant);
  api = await startImpactTenant(tenant, { burst: 2, perSecond: 2 });
  candidate = api.writeFile('flex-pattern-a.js', CANDIDATE);
}, TIMEOUT);
afterAll(async () => {
  await api.close();
});

/** Every request that is not a GET (a write, or an attempt at one, whatever its answer). */
const writes = () => api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

describe('flex-sso impact --users tenant (the default) against the emulator over HTTPS', () => {
  it(
    'counts exactly, lists every changed user exactly, waits out 429s, writes nothing, exits 1 on a newly rejected user',
    async () => {
      const usersBefore = structuredClone(tenant.state.users);
      api.requests.length = 0;
      const result = await api.cli(['impact', candidate, '--json', '--now', '2026-12-01T00:00:00Z', '--concurrency', '2']);
      expect(result.stderr).not.toMatch(/unexpected error/);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { usersChecked: number; summary: unknown; users: unknown[] };
      expect(json.usersChecked).toBe(10);
      expect(json.summary).toEqual(EXPECTED_SUMMARY);
      expect(json.users).toEqual(expectedUsers());
      // Read-only: the only non-GET requests are the OAuth token POSTs (one per SDK client).
      expect(writes().every((w) => w === 'POST /oauth/token')).toBe(true);
      expect(api.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v2/users')).length).toBeGreaterThan(0);
      expect(tenant.state.users).toEqual(usersBefore);
      // Auth0's Free-plan limit answered 429 and the command waited, then said how long the read took.
      expect(api.requests.some((r) => r.status === 429)).toBe(true);
      expect(result.stderr).toMatch(/rate limited, waiting \d+s/);
      expect(result.stderr).toMatch(/tenant read: 10 users in \d+\.\d s \(pages of 100, 1 API requests\)/);
      // Secrets never leave the process.
      expect(result.stdout + result.stderr).not.toContain(api.env.AUTH0_MGMT_CLIENT_SECRET);
    },
    TIMEOUT,
  );

  it(
    'past the paging cap, reads every user through the users-export job (the only API POST) and counts the same',
    async () => {
      api.requests.length = 0;
      const result = await api.cli(['impact', candidate, '--json', '--now', '2026-12-01T00:00:00Z'], { FLEX_SSO_IMPACT_PAGING_LIMIT: '5' });
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as { usersChecked: number; summary: unknown; users: unknown[] };
      expect(json.usersChecked).toBe(10);
      expect(json.summary).toEqual(EXPECTED_SUMMARY);
      expect(json.users).toEqual(expectedUsers());
      // The job POST is the only other write; a 429 to it created no job, so its retry makes exactly one.
      expect(new Set(writes().filter((w) => w !== 'POST /oauth/token'))).toEqual(new Set(['POST /api/v2/jobs/users-exports']));
      expect(api.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/jobs/users-exports' && r.status === 201)).toHaveLength(1);
      expect(api.requests.some((r) => r.method === 'GET' && r.path.startsWith('/__emulator/users-exports/job_') && r.status === 200)).toBe(true);
      expect(result.stderr).toMatch(/tenant read: 10 users in \d+\.\d s \(users-export job, \d+ API requests\)/);
    },
    TIMEOUT,
  );

  it(
    'prints the summary, the attribute changes and the change patterns as text',
    async () => {
      const result = await api.cli(['impact', candidate, '--now', '2026-12-01T00:00:00Z', '--replace', 'flex-pattern-a', '--fail-on', 'change']);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('vs the deployed post-login Actions (audit-log → flex-pattern-a)');
      expect(result.stdout).toContain('10 users checked: 4 unchanged, 5 changed (1 newly rejected, 1 newly accepted), 1 errors');
      expect(result.stdout).toContain('  roles: supervisor → agent: 2 users\n');
      expect(result.stdout).toContain('  roles: (none) → agent: 1 user\n');
      expect(result.stdout).toContain(
        '  [2] valid → valid; roles: supervisor → agent\n      sup.ramp2@corp.test  auth0|seed2\n      sup.ramp@corp.test  auth0|seed1\n',
      );
      expect(result.stdout).toContain('  RAMP: 2\n');
    },
    TIMEOUT,
  );

  it(
    'refuses an unknown --replace with exit 2, listing the bound Actions in order',
    async () => {
      const result = await api.cli(['impact', candidate, '--replace', 'no-such-action']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        '--replace "no-such-action": no post-login Action of that name is bound. Bound now, in order: "audit-log", "flex-pattern-a". [REPLACE_UNKNOWN]',
      );
      expect(result.stdout).toBe('');
    },
    TIMEOUT,
  );

  it(
    "asks which Action to replace when several are bound and none has the candidate's name (exit 2)",
    async () => {
      const other = api.writeFile('renamed.js', CANDIDATE);
      const result = await api.cli(['impact', other]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[REPLACE_AMBIGUOUS]');
      expect(result.stderr).toContain('"audit-log", "flex-pattern-a"');
    },
    TIMEOUT,
  );
});
