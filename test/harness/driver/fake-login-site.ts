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

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

/** Universal Login's field error element: a span (as on hosted tenants). */
const ULP_ERROR = (field: string, code: string): string =>
  `<span id="error-element-${field}" class="ulp-input-error-message" data-error-code="${code}">${code}</span>`;

/** What this stand-in's /usernamepassword/login answers for these passwords (auth0.js error bodies). */
export const LOCK_ANSWERS: Record<string, { status: number; body: Record<string, string> }> = {
  blocked: {
    status: 429,
    body: { name: 'AnomalyDetected', code: 'too_many_attempts', description: 'Your account has been blocked after multiple consecutive login attempts.' },
  },
  'admin-blocked': { status: 401, body: { name: 'unauthorized', code: 'unauthorized', description: 'user is blocked' } },
  captcha: { status: 400, body: { name: 'AnomalyDetected', code: 'invalid_captcha', description: 'Invalid captcha value' } },
};

/** Lock as auth0.js drives it: credentials by XHR, an error shown in place, the hidden form submitted on success. */
const LOCK_XHR_PAGE = (
  relay: string,
): string => `<form class="auth0-lock-widget" method="post"><div class="auth0-lock-content"><input type="email" name="email"><input type="password" name="password"></div>
<button type="submit" class="auth0-lock-submit">Log In</button></form><script>
var f = document.querySelector('form');
f.addEventListener('submit', function (e) {
  e.preventDefault();
  var x = new XMLHttpRequest();
  x.open('POST', '/usernamepassword/login?r=${relay}');
  x.onload = function () {
    if (x.status === 200) { var d = document.createElement('div'); d.innerHTML = x.responseText; document.body.appendChild(d).children[0].submit(); return; }
    var m = document.createElement('div'); m.className = 'auth0-global-message auth0-global-message-error'; m.textContent = JSON.parse(x.responseText).description;
    f.querySelector('.auth0-lock-content').prepend(m);
  };
  x.send(JSON.stringify({ username: f.elements.email.value, password: f.elements.password.value }));
});
</script>`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => {
      text += c.toString();
    });
    req.on('end', () => resolve(text));
  });
}

const body = async (req: IncomingMessage): Promise<URLSearchParams> => new URLSearchParams(await readBody(req));

/** `posts`: the SAML POSTs the SP received; `credentials`: the login forms the IdP received. */
export interface Site {
  idpUrl: string;
  spUrl: string;
  posts: URLSearchParams[];
  credentials: URLSearchParams[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFakeLoginSite(): Promise<Site> {
  const posts: URLSearchParams[] = [];
  const credentials: URLSearchParams[] = [];
  const sp = createServer((req, res) => {
    void body(req).then((form) => {
      posts.push(form);
      html(res, '<p>Flex</p>');
    });
  });
  const spUrl = await listen(sp);
  const autoPost = (res: ServerResponse, relay: string): void =>
    html(
      res,
      `<form method="post" action="${spUrl}/acs"><input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4="><input type="hidden" name="RelayState" value="${relay}"></form><script>document.forms[0].submit()</script>`,
    );
  const singlePage = (relay: string, error = ''): string =>
    `<form method="post" action="/u/login?r=${relay}"><input id="username" name="username">` +
    `<input id="password" name="password" type="password">${error}${SUBMIT}</form>`;
  const idp = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const relay = url.searchParams.get('r') ?? '';
    void readBody(req).then((text) => {
      const form = new URLSearchParams(text);
      if (url.pathname === '/start/single-page') return html(res, singlePage(relay));
      if (url.pathname === '/start/identifier-first') {
        return html(res, `<form method="post" action="/u/login/identifier?r=${relay}"><input id="username" name="username">${SUBMIT}</form>`);
      }
      if (url.pathname === '/u/login/identifier') {
        return html(
          res,
          `<form method="post" action="/u/login?r=${relay}"><input type="hidden" name="username" value="${form.get('username')}"><input id="password" name="password" type="password">${SUBMIT}</form>`,
        );
      }
      if (url.pathname === '/start/classic-lock') {
        // Lock renders its form with JavaScript after load.
        return html(
          res,
          `<div id="lock"></div><script>setTimeout(() => { document.getElementById('lock').innerHTML = '<form method="post" action="/u/login?r=${relay}"><input type="email" name="email"><input type="password" name="password"><button type="submit" class="auth0-lock-submit">Log In</button></form>'; }, 50)</script>`,
        );
      }
      if (url.pathname === '/u/login') {
        credentials.push(form);
        if (form.get('password') === PASSWORD && (form.get('username') ?? form.get('email'))) {
          if (relay.startsWith('mfa')) return redirect(res, `/u/mfa-otp-challenge?r=${relay}`);
          if (relay.startsWith('captcha')) return html(res, singlePage(relay, ULP_ERROR('captcha', 'invalid-captcha')), 400);
          return autoPost(res, relay);
        }
        return html(res, singlePage(relay, ULP_ERROR('password', 'wrong-email-credentials')), 400);
      }
      if (url.pathname === '/u/mfa-otp-challenge') return html(res, `<form method="post"><input id="code" name="code">${SUBMIT}</form>`);
      if (url.pathname === '/start/lock-xhr') return html(res, LOCK_XHR_PAGE(relay));
      if (url.pathname === '/usernamepassword/login') {
        const json = JSON.parse(text || '{}') as { username?: string; password?: string };
        credentials.push(new URLSearchParams({ username: json.username ?? '', password: json.password ?? '' }));
        const error = LOCK_ANSWERS[json.password ?? ''];
        if (json.password === PASSWORD)
          return html(
            res,
            `<form method="post" name="hiddenform" action="/login/callback?r=${relay}"><input type="hidden" name="wa" value="wsignin1.0"><input type="hidden" name="wresult" value="t"></form>`,
          );
        res.writeHead(error?.status ?? 401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(error?.body ?? { name: 'ValidationError', code: 'invalid_user_password', description: 'Wrong email or password.' }));
      }
      if (url.pathname === '/login/callback') return autoPost(res, relay);
      if (url.pathname === '/start/foreign-button') {
        // Enter in the password field would press the first submit button: not Auth0's.
        return html(
          res,
          `<form method="post" action="/u/login?r=${relay}"><input id="username" name="username"><input id="password" name="password" type="password">` +
            `<button type="submit" name="connection" value="google">Continue with Google</button>${SUBMIT}</form>`,
        );
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
    idpUrl,
    spUrl,
    posts,
    credentials,
    close: async () => {
      for (const server of [sp, idp]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
