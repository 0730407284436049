import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../harness/browser.ts';
import { LoginSession } from '../../../harness/driver/session.ts';

// Two origins (as the emulator and the fake SP): each sets a session cookie on every page.
let servers: Server[] = [];
let origins: string[] = [];
let browser: Browser;

// Cookies ignore the port: each origin names its cookie differently so that both are kept.
async function listen(cookie: string): Promise<string> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': `${cookie}=s1; HttpOnly; Path=/` });
    res.end('<!doctype html><p>page</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  origins = [await listen('idp_session'), await listen('sp_session')];
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** Visits each origin and leaves a cookie, localStorage, sessionStorage and IndexedDB there. */
async function dirty(page: Page): Promise<void> {
  for (const origin of origins) {
    await page.goto(`${origin}/login`);
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          localStorage.setItem('l', '1');
          sessionStorage.setItem('s', '1');
          indexedDB.open('db').onsuccess = () => resolve();
        }),
    );
  }
}

async function stored(page: Page, origin: string): Promise<{ local: number; session: number; idb: number }> {
  await page.goto(`${origin}/check`);
  return page.evaluate(async () => ({ local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length }));
}

describe('LoginSession', () => {
  it('reuses one tab and clears cookies, local and session storage and IndexedDB of every origin', async () => {
    const session = new LoginSession(browser);
    try {
      const page = await session.cleanPage(origins);
      await dirty(page);
      expect(await session.cookiesLeft()).toHaveLength(2);
      for (const origin of origins) expect(await stored(page, origin)).toEqual({ local: 1, session: 1, idb: 1 });

      const again = await session.cleanPage(origins);
      expect(again).toBe(page);
      expect(await session.cookiesLeft()).toEqual([]);
      expect(page.url()).toBe('about:blank');
      // Visiting an origin sets its cookie again; storage must still be empty.
      for (const origin of origins) expect(await stored(page, origin)).toEqual({ local: 0, session: 0, idb: 0 });
    } finally {
      await session.close();
    }
  }, 30_000);

  it('opens a new tab after discard()', async () => {
    const session = new LoginSession(browser);
    try {
      const first = await session.cleanPage(origins);
      await dirty(first);
      await session.discard();
      expect(first.isClosed()).toBe(true);
      const second = await session.cleanPage(origins);
      expect(second).not.toBe(first);
      expect(await session.cookiesLeft()).toEqual([]);
    } finally {
      await session.close();
    }
  }, 30_000);

  it('stays on a page of a script-free origin during the reset, and still clears everything', async () => {
    const [idp, sp] = origins as [string, string];
    const session = new LoginSession(browser, { scriptFreeOrigins: [sp] });
    try {
      const page = await session.cleanPage(origins);
      await dirty(page); // ends on the SP's page
      expect(new URL(page.url()).origin).toBe(sp);
      await session.cleanPage(origins);
      expect(new URL(page.url()).origin).toBe(sp);
      expect(await session.cookiesLeft()).toEqual([]);
      for (const origin of origins) expect(await stored(page, origin)).toEqual({ local: 0, session: 0, idb: 0 });

      await page.goto(`${idp}/login`); // any other origin's page is left before the reset
      await session.cleanPage(origins);
      expect(page.url()).toBe('about:blank');
      expect(await session.cookiesLeft()).toEqual([]);
    } finally {
      await session.close();
    }
  }, 30_000);
});
