import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../harness/browser.ts';
import { SECRET_BINDING, secretChannel } from '../../../harness/driver/secret-channel.ts';

// Two origins serving a page with a same-origin iframe.
let servers: Server[] = [];
let first = '';
let second = '';
let browser: Browser;
let context: BrowserContext;

async function listen(): Promise<string> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(req.url === '/frame' ? '<p>frame</p>' : '<iframe src="/frame"></iframe>');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  first = await listen();
  second = await listen();
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  servers = [];
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

async function open(origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  return page;
}

const ask = (name: string): Promise<unknown> => (window as unknown as Record<string, () => Promise<unknown>>)[name]?.() ?? Promise.resolve('no binding');

describe('secretChannel', () => {
  it("hands the armed secret once to the armed page's main frame", async () => {
    const channel = await secretChannel(context);
    const page = await open(first);
    channel.arm(page, 's3cret');
    expect(await page.evaluate(ask, SECRET_BINDING)).toBe('s3cret');
    expect(await page.evaluate(ask, SECRET_BINDING)).toBeNull();
  }, 30_000);

  it('answers nothing when not armed, or after disarm()', async () => {
    const channel = await secretChannel(context);
    const page = await open(first);
    expect(await page.evaluate(ask, SECRET_BINDING)).toBeNull();
    channel.arm(page, 's3cret');
    channel.disarm();
    expect(await page.evaluate(ask, SECRET_BINDING)).toBeNull();
  }, 30_000);

  it('refuses another page, a subframe and another origin', async () => {
    const channel = await secretChannel(context);
    const page = await open(first);
    const other = await open(first);
    channel.arm(page, 's3cret');
    expect(await other.evaluate(ask, SECRET_BINDING)).toBeNull();
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame?.evaluate(ask, SECRET_BINDING)).toBeNull();
    await page.goto(`${second}/`);
    expect(await page.evaluate(ask, SECRET_BINDING)).toBeNull();
    // Refusals do not consume it: back on the armed origin, the armed page still gets it.
    await page.goto(`${first}/`);
    expect(await page.evaluate(ask, SECRET_BINDING)).toBe('s3cret');
  }, 30_000);

  it('exposes the binding once per context', async () => {
    const [a, b] = await Promise.all([secretChannel(context), secretChannel(context)]);
    expect(a).toBe(b);
    const other = await browser.newContext();
    try {
      expect(await secretChannel(other)).not.toBe(a);
    } finally {
      await other.close();
    }
  }, 30_000);
});
