import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { startServeProcess } from '../../helpers/serve-process.ts';

describe('flex-sso serve', () => {
  it('serves the emulator and the fake SP wired together, then saves state on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-'));
    const statePath = join(dir, 'tenant.json');
    const served = await startServeProcess(['all', '--state', statePath, '--store', join(dir, 'sp')]);
    try {
      const idp = served.ready.idp as Record<string, string>;
      const sp = served.ready.sp as Record<string, string>;
      expect(idp.domain).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(sp.acsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\/callback\?connection=JQ[0-9a-f]{32}$/i);
      const pem = await fetch(idp.pemUrl as string).then((r) => r.text());
      expect(pem).toContain('BEGIN CERTIFICATE');
      const logins = await fetch(`${sp.url}/api/logins`).then((r) => r.json() as Promise<{ logins: unknown[] }>);
      expect(logins.logins).toEqual([]);
      // The emulator's SAML app posts to the SP's ACS with the Flex audience.
      const metadata = await fetch(idp.metadataUrl as string).then((r) => r.text());
      expect(metadata).toContain(idp.issuer);
    } finally {
      expect(await served.stop()).toBe(0);
    }
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { applications: { callbacks: string[]; addons: { samlp?: { audience?: string } } }[] };
    expect(state.applications[0]?.callbacks[0]).toMatch(/\/login\/callback\?connection=JQ/);
    expect(state.applications[0]?.addons.samlp?.audience).toMatch(/^urn:flex:JQ/);
  });

  it('--log-delay hides fresh tenant log events from search; --rate-limit sets the Management API bucket; the real-time logs are listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-'));
    const served = await startServeProcess(['idp', '--state', join(dir, 'tenant.json'), '--log-delay', '60000', '--rate-limit', '2/0.1']);
    try {
      const idp = served.ready.idp as Record<string, string>;
      expect(idp.realtimeLogsPageUrl).toBe(`${idp.realtimeLogsUrl}/page`);
      expect(await fetch(idp.realtimeLogsUrl as string).then((r) => r.json())).toEqual({ persisted_console_chars: 256, entries: [] });
      // The token request itself is logged (seccft), but not searchable for a minute.
      const token = await fetch(idp.tokenUrl as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: idp.managementClientId,
          client_secret: idp.managementClientSecret,
          audience: `https://${idp.domain}/api/v2/`,
        }),
      }).then((r) => r.json() as Promise<{ access_token: string }>);
      const get = (path: string) => fetch(`${idp.managementUrl}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
      const logs = await get(`/logs?q=${encodeURIComponent('type:seccft')}`);
      expect([logs.status, await logs.json(), logs.headers.get('x-ratelimit-limit')]).toEqual([200, [], '2']);
      expect((await get('/users')).status).toBe(200);
      expect((await get('/users')).status).toBe(429);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('rejects a bad --log-delay or --rate-limit with exit 2 and the expected form', async () => {
    const delay = await runCli(['serve', 'idp', '--log-delay', '2s']);
    expect([delay.code, delay.stderr]).toEqual([2, expect.stringContaining('--log-delay: expected milliseconds from 0 to 600000, received "2s"')]);
    const limit = await runCli(['serve', 'idp', '--rate-limit', '0/2']);
    expect([limit.code, limit.stderr]).toEqual([2, expect.stringContaining('--rate-limit: expected BURST/PER_SECOND (e.g. 2/2) or off, received "0/2"')]);
  });

  it('--pattern (issue 19): A or B, and only where the fake SP runs', async () => {
    const bad = await runCli(['serve', 'sp', '--pattern', 'C']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--pattern: expected A or B, received "C"')]);
    const idp = await runCli(['serve', 'idp', '--pattern', 'A']);
    expect([idp.code, idp.stderr]).toEqual([2, expect.stringContaining('SERVE_PATTERN_TARGET')]);
  });

  it('refuses `serve sp` without a certificate to pin', async () => {
    const result = await runCli(['serve', 'sp', '--store', mkdtempSync(join(tmpdir(), 'flex-sso-serve-'))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SERVE_CERT_MISSING');
    expect(result.stderr).toContain('--cert');
  });

  it('rejects an unknown target and a bad port with exit 2', async () => {
    const target = await runCli(['serve', 'everything']);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('expected one of sp, idp, all');
    const port = await runCli(['serve', 'idp', '--port', '99999']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port: expected a port number');
  });

  it('turns what the servers refuse at start into usage errors with their code and fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-'));
    const state = join(dir, 'tenant.json');
    writeFileSync(state, '{ not json');
    const invalidState = await runCli(['serve', 'all', '--state', state, '--store', join(dir, 'sp')]);
    expect(invalidState.code).toBe(2);
    expect(invalidState.stderr).toMatch(
      new RegExp(`^flex-sso: Tenant state ${state} is not valid JSON: .*\\[TENANT_STATE_INVALID\\]\n  fix: Fix the JSON, or delete`),
    );
    const storeFile = join(dir, 'store-is-a-file');
    writeFileSync(storeFile, '');
    const store = await runCli(['serve', 'all', '--state', join(dir, 'ok.json'), '--store', storeFile]);
    expect(store.code).toBe(2);
    expect(store.stderr).toMatch(new RegExp(`^flex-sso: fake SP run store ${storeFile}: .*\\[SP_STORE_UNUSABLE\\]\n  fix: `));
    expect(`${invalidState.stderr}${store.stderr}`).not.toContain('unexpected error');
  });

  it('names the port in use for the emulator and for the fake SP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-serve-'));
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const idp = await runCli(['serve', 'idp', '--port', String(port), '--state', join(dir, 't.json')]);
      expect(idp.code).toBe(2);
      expect(idp.stderr).toContain(`emulator could not listen on 127.0.0.1:${port}`);
      expect(idp.stderr).toContain('[IDP_LISTEN_FAILED]');
      const sp = await runCli(['serve', 'all', '--port', String(port), '--state', join(dir, 't.json'), '--store', join(dir, 'sp')]);
      expect(sp.code).toBe(2);
      expect(sp.stderr).toContain(`fake SP could not listen on 127.0.0.1:${port}`);
      expect(sp.stderr).toContain('[SP_LISTEN_FAILED]');
    } finally {
      holder.close();
    }
  });

  it('rejects a malformed Flex connection id', async () => {
    const result = await runCli(['serve', 'all', '--connection', 'JQ123', '--state', join(mkdtempSync(join(tmpdir(), 'fs-')), 't.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--connection: expected JQ followed by 32 hex digits');
    expect(existsSync('JQ123')).toBe(false);
  });
});
