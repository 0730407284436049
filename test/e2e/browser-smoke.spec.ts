import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

let server: Server;
let url: string;

test.beforeAll(async () => {
  // An auto-POST page like the IdP's: proves the browser submits a form served as text/html.
  server = createServer((req, res) => {
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<p id="got">${body.length}</p>`);
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<form method="post" action="/acs"><input type="hidden" name="SAMLResponse" value="abc"></form><script>document.forms[0].submit()</script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('system Chromium follows an auto-POST form', async ({ page }) => {
  const posted = page.waitForRequest((r) => r.method() === 'POST');
  await page.goto(url);
  const request = await posted;
  expect(request.postData()).toBe('SAMLResponse=abc');
  await expect(page.locator('#got')).toHaveText('16');
});
