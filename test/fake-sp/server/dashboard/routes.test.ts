// The dashboard over real HTTP: list + filter, detail, raw download, 404s, CSP, and the live event
// stream (a new login arrives as an event; the server's close() ends open streams instead of hanging).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSp } from '../../../../fake-sp/server/start.ts';
import { LoginEvents } from '../../../../fake-sp/server/dashboard/login-events.ts';
import type { LoginEventSummary } from '../../../../fake-sp/server/dashboard/login-events.ts';
import { testKey } from '../../../helpers/saml-signer.ts';
import { startDashboardSp } from './dashboard-sp.ts';
import type { DashboardSp } from './dashboard-sp.ts';

let env: DashboardSp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await startDashboardSp();
  ids.ana = await env.post({ relayState: 'rs-ana' });
  ids.bob = await env.post({ attributes: { email: 'bob@example.com', full_name: 'Bob', roles: 'superviser' }, relayState: 'rs-bob' });
  ids.leg = await env.post({ profile: 'legacy', attributes: { email: 'lee@example.com', full_name: 'Lee', roles: 'admin' } });
  ids.bad = await env.post({ key: testKey('other-idp'), relayState: '<script>alert(1)</script>' });
});
afterAll(async () => {
  await env?.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${env.sp.url}${path}`, { headers });
  return { res, text: await res.text() };
};
const rowIds = (html: string) => [...html.matchAll(/<tr data-login-id="([^"]+)"/g)].map((m) => m[1]);

describe('GET /', () => {
  it('lists every login newest first under a CSP that allows only same-origin scripts', async () => {
    const { res, text } = await get('/');
    expect(res.status).toBe(200);
    const csp = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    expect(csp).toContain("script-src 'self'");
    expect(csp.filter((d) => d.startsWith('script-src'))).toEqual(["script-src 'self'"]);
    expect(rowIds(text)).toEqual([ids.bad, ids.leg, ids.bob, ids.ana]);
    // Each invalid row names its first failed check.
    expect(text).toMatch(/class="failed first-failure">flex: [A-Z_]+</);
    expect(text).toMatch(/class="failed first-failure">signature: SIG_INVALID</);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script>alert(1)');
  });

  it('filters by user, verdict and profile', async () => {
    expect(rowIds((await get('/?q=BOB')).text)).toEqual([ids.bob]);
    expect(rowIds((await get('/?verdict=valid')).text)).toEqual([ids.leg, ids.ana]);
    expect(rowIds((await get('/?verdict=invalid&profile=enhanced')).text)).toEqual([ids.bad, ids.bob]);
    expect(rowIds((await get('/?profile=legacy&q=')).text)).toEqual([ids.leg]);
    expect(rowIds((await get('/?q=nobody')).text)).toEqual([]);
  });

  it('answers an unknown filter value with 400, as a page or as JSON', async () => {
    const page = await get('/?verdict=maybe');
    expect(page.res.status).toBe(400);
    expect(page.text).toContain('DASHBOARD_BAD_VERDICT');
    const json = await get('/?profile=x', { accept: 'application/json' });
    expect(json.res.status).toBe(400);
    expect(JSON.parse(json.text)).toMatchObject({ error: { code: 'DASHBOARD_BAD_PROFILE' } });
  });
});

describe('GET /logins/:id', () => {
  it('shows the checks, the attributes, the worker attributes and the XML with the signed element marked', async () => {
    const { res, text } = await get(`/logins/${ids.ana}`);
    expect(res.status).toBe(200);
    expect(text).toContain('data-valid="true"');
    expect(text).toContain('data-check="audience"');
    expect(text).toContain('data-attribute="team"');
    expect(text).toContain('client:ana_2Eagent_40example_2Ecom');
    expect(text).toContain('data-signed="Response"');
  });

  it('is a 404 page for an unknown id', async () => {
    const { res, text } = await get('/logins/lg_nope');
    expect(res.status).toBe(404);
    expect(text).toContain('no such login');
  });
});

describe('records from disk', () => {
  it('a hand-edited record with a bare verdict still renders on the list and its detail page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-sp-dashboard-disk-'));
    const bare = {
      id: 'lg_bare',
      receivedAt: '2026-01-01T00:00:00.000Z',
      profile: 'enhanced',
      acsUrl: 'x',
      samlResponse: '',
      httpStatus: 400,
      roles: [],
      verdict: { valid: false, checks: [{ id: 'decode', status: 'failed', detail: '<b>x</b>' }] },
    };
    await writeFile(join(dir, 'logins.jsonl'), `${JSON.stringify(bare)}\n`);
    const sp = await startFakeSp({
      profiles: [{ kind: 'enhanced', connectionId: `JQ${'e5'.repeat(16)}` }],
      idp: { certificates: [testKey('idp').cert] },
      storeDir: dir,
    });
    try {
      const list = await fetch(`${sp.url}/?q=nobody`);
      expect(list.status).toBe(200);
      expect(await (await fetch(sp.url)).text()).toContain('data-login-id="lg_bare"');
      const detail = await fetch(`${sp.url}/logins/lg_bare`);
      expect(detail.status).toBe(200);
      expect(await detail.text()).toContain('&lt;b&gt;x&lt;/b&gt;');
      expect((await fetch(`${sp.url}/logins/lg_bare/raw`)).status).toBe(404);
    } finally {
      await sp.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('GET /logins/:id/raw', () => {
  it('downloads the posted base64 and the decoded XML as attachments', async () => {
    const raw = await get(`/logins/${ids.ana}/raw`);
    expect(raw.res.status).toBe(200);
    expect(raw.res.headers.get('content-disposition')).toBe(`attachment; filename="${ids.ana}.b64.txt"`);
    expect(raw.text).toBe(env.sp.store.get(ids.ana as string)?.samlResponse);
    const xml = await get(`/logins/${ids.ana}/raw?format=xml`);
    expect(xml.res.headers.get('content-type')).toMatch(/application\/xml/);
    expect(xml.res.headers.get('content-disposition')).toBe(`attachment; filename="${ids.ana}.xml"`);
    expect(xml.text).toBe(Buffer.from(raw.text, 'base64').toString('utf8'));
  });

  it('rejects an unknown format and an unknown id', async () => {
    expect((await get(`/logins/${ids.ana}/raw?format=pdf`)).res.status).toBe(400);
    expect((await get('/logins/lg_nope/raw')).res.status).toBe(404);
  });
});

describe('live updates', () => {
  it('serves the client script same-origin', async () => {
    const { res, text } = await get('/dashboard.js');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(text).toContain("new EventSource('/events'");
  });

  it('pushes each new login matching the stream filter; close() ends the open stream', async () => {
    const local = await startDashboardSp();
    try {
      const controller = new AbortController();
      const res = await fetch(`${local.sp.url}/events?q=carol`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const nextEvent = async (): Promise<string> => {
        while (!buffer.includes('event: login')) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended: ${buffer}`);
          buffer += decoder.decode(value);
        }
        return buffer;
      };
      await local.post({ attributes: { email: 'dave@example.com', full_name: 'Dave', roles: 'agent' } });
      const carol = await local.post({ attributes: { email: 'carol@example.com', full_name: '<b>Carol</b>', roles: 'agent' } });
      const text = await nextEvent();
      expect(text).not.toContain('dave@example.com');
      const data = /data: (.*)\n/.exec(text.slice(text.indexOf('event: login')))?.[1] as string;
      const event = JSON.parse(data) as LoginEventSummary;
      expect(event).toMatchObject({ id: carol, valid: true, email: 'carol@example.com', detailUrl: `/logins/${carol}` });
      expect(event.rowHtml).toContain(`data-login-id="${carol}"`);
      // The server closes with the stream still open: close() resolves and the stream ends.
      await local.close();
      for (;;) if ((await reader.read()).done) break;
    } finally {
      await local.close();
    }
  });

  it('first sends the logins recorded after the one named by ?after= (or Last-Event-ID), filtered', async () => {
    const read = async (init: { query: string; headers?: Record<string, string> }): Promise<string[]> => {
      const controller = new AbortController();
      const res = await fetch(`${env.sp.url}/events${init.query}`, { signal: controller.signal, headers: init.headers });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      // The server writes the backlog before its `: connected` comment.
      while (!text.includes(': connected')) text += new TextDecoder().decode((await reader.read()).value);
      controller.abort();
      return [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1] as string);
    };
    expect(await read({ query: `?after=${ids.bob}` })).toEqual([ids.leg, ids.bad]);
    expect(await read({ query: `?after=${ids.ana}&verdict=invalid` })).toEqual([ids.bob, ids.bad]);
    expect(await read({ query: '', headers: { 'Last-Event-ID': ids.leg as string } })).toEqual([ids.bad]);
    expect(await read({ query: '?after=lg_unknown' })).toEqual([]);
  });

  it('sends a heartbeat comment while a stream is open', async () => {
    const events = new LoginEvents(20);
    const app = express();
    app.get('/events', (_req, res) => {
      events.attach(res, {});
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/events`);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value);
      expect(events.size).toBe(1);
      events.close();
      for (;;) if ((await reader.read()).done) break;
      expect(events.size).toBe(0);
    } finally {
      events.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
