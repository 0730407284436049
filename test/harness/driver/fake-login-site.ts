// A stand-in IdP serving Auth0's three login page DOMs, and a stand-in SP receiving the SAML POST:
// the driver is tested against real pages in a real browser, independently of the emulator.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PASSWORD = 'correct-horse';
const SUBMIT = '<button type="submit" name="action" value="default">Continue</button>';

function html(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end(`<!doctype html><html><body>${body}</body></html>`);
}

function body(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => resolve(new URLSearchParams(text)));
  });
}

/** `posts`: the SAML POSTs the SP received; `credentials`: the login forms the IdP received. */
export interface Site { idpUrl: string; spUrl: string; posts: URLSearchParams[]; credentials: URLSearchParams[]; close(): Promise<void> }

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFakeLoginSite(): Promise<Site> {
  const posts: URLSearchParams[] = [];
  const credentials: URLSearchParams[] = [];
  const sp = createServer((req, res) => {
    void body(req).then((form) => { posts.push(form); html(res, '<p>Flex</p>'); });
  });
  const spUrl = await listen(sp);
  const autoPost = (res: ServerResponse, relay: string): void => html(res,
    `<form method="post" action="${spUrl}/acs"><input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4="><input type="hidden" name="RelayState" value="${relay}"></form><script>document.forms[0].submit()</script>`);
  const singlePage = (relay: string, error = ''): string => `<form method="post" action="/u/login?r=${relay}"><input id="username" name="username">` +
    `<input id="password" name="password" type="password">${error}${SUBMIT}</form>`;
  const idp = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const relay = url.searchParams.get('r') ?? '';
    void body(req).then((form) => {
      if (url.pathname === '/start/single-page') return html(res, singlePage(relay));
      if (url.pathname === '/start/identifier-first') {
        return html(res, `<form method="post" action="/u/login/identifier?r=${relay}"><input id="username" name="username">${SUBMIT}</form>`);
      }
      if (url.pathname === '/u/login/identifier') {
        return html(res, `<form method="post" action="/u/login?r=${relay}"><input type="hidden" name="username" value="${form.get('username')}"><input id="password" name="password" type="password">${SUBMIT}</form>`);
      }
      if (url.pathname === '/start/classic-lock') {
        // Lock renders its form with JavaScript after load.
        return html(res, `<div id="lock"></div><script>setTimeout(() => { document.getElementById('lock').innerHTML = '<form method="post" action="/u/login?r=${relay}"><input type="email" name="email"><input type="password" name="password"><button type="submit" class="auth0-lock-submit">Log In</button></form>'; }, 50)</script>`);
      }
      if (url.pathname === '/u/login') {
        credentials.push(form);
        if (form.get('password') === PASSWORD && (form.get('username') ?? form.get('email'))) return autoPost(res, relay);
        return html(res, singlePage(relay, '<div id="error-element-password" data-error-code="wrong-email-credentials">Wrong email or password</div>'), 400);
      }
      if (url.pathname === '/start/foreign-button') {
        // Enter in the password field would press the first submit button: not Auth0's.
        return html(res, `<form method="post" action="/u/login?r=${relay}"><input id="username" name="username"><input id="password" name="password" type="password">`
          + `<button type="submit" name="connection" value="google">Continue with Google</button>${SUBMIT}</form>`);
      }
      if (url.pathname === '/start/no-binding') {
        // A page script that replaces the driver's binding: the password cannot be handed over.
        return html(res, `<script>window.__flexSsoSecret = () => Promise.resolve(null)</script>${singlePage(relay)}`);
      }
      if (url.pathname === '/start/broken') return html(res, '<p>maintenance</p>');
      if (url.pathname === '/start/error') return html(res, '<h1>Oops</h1>', 500);
      return html(res, 'not found', 404);
    });
  });
  const idpUrl = await listen(idp);
  return {
    idpUrl, spUrl, posts, credentials,
    close: async () => {
      for (const server of [sp, idp]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
