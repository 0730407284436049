// HTML of the emulated Auth0 pages. The element ids, names, classes and error codes are the DOM
// contract login drivers rely on (docs/emulator-fidelity.md): keep them identical to Auth0's. Every value is escaped.
import { escapeHtml as h } from '../saml/xml-text.ts';

export interface LoginPageError { code: string; message: string }

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f3f3;margin:0}
main{max-width:400px;margin:60px auto;background:#fff;padding:40px;border-radius:5px;box-shadow:0 12px 40px rgba(0,0,0,.12)}
input{display:block;width:100%;box-sizing:border-box;padding:12px;margin:8px 0 16px;border:1px solid #c9cace;border-radius:3px}
button{width:100%;padding:12px;background:#635dff;color:#fff;border:0;border-radius:3px;font-size:16px}
.ulp-input-error-message,.auth0-global-message-error{color:#d03c38;margin:0 0 12px}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${h(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function header(tenantName: string, heading: string): string {
  return `<header><h1>${h(heading)}</h1><p>Log in to ${h(tenantName)} to continue.</p></header>`;
}

function ulpError(error: LoginPageError | undefined, field: 'username' | 'password'): string {
  if (!error) return '';
  return `<div id="error-element-${field}" class="ulp-input-error-message" data-error-code="${h(error.code)}">${h(error.message)}</div>`;
}

const CONTINUE = '<button type="submit" name="action" value="default" class="c-button">Continue</button>';

function hiddenState(state: string): string {
  return `<input type="hidden" name="state" value="${h(state)}">`;
}

/** New Universal Login, identifier + password on one page (`/u/login`). */
export function singlePageLoginHtml(p: { state: string; tenantName: string; username?: string; error?: LoginPageError }): string {
  return layout(`Log in | ${p.tenantName}`, `<main class="login-id">${header(p.tenantName, 'Welcome')}
<form method="POST" action="/u/login?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<label for="username">Email address</label>
<input class="input" name="username" id="username" type="text" value="${h(p.username ?? '')}" required autocomplete="username" autocapitalize="none" spellcheck="false" autofocus>
<label for="password">Password</label>
<input class="input" name="password" id="password" type="password" required autocomplete="current-password">
${ulpError(p.error, 'password')}${CONTINUE}</form></main>`);
}

/** Identifier-first, step 1 (`/u/login/identifier`). */
export function identifierPageHtml(p: { state: string; tenantName: string; username?: string; error?: LoginPageError }): string {
  return layout(`Log in | ${p.tenantName}`, `<main class="login-id">${header(p.tenantName, 'Welcome')}
<form method="POST" action="/u/login/identifier?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<label for="username">Email address</label>
<input class="input" name="username" id="username" type="text" value="${h(p.username ?? '')}" required autocomplete="username" autocapitalize="none" spellcheck="false" autofocus>
${ulpError(p.error, 'username')}${CONTINUE}</form></main>`);
}

/** Identifier-first, step 2 (`/u/login/password`). */
export function passwordPageHtml(p: { state: string; tenantName: string; username: string; error?: LoginPageError }): string {
  return layout(`Enter your password | ${p.tenantName}`, `<main class="login-password">${header(p.tenantName, 'Enter Your Password')}
<form method="POST" action="/u/login/password?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<input type="hidden" name="username" value="${h(p.username)}">
<p class="username-display">${h(p.username)} <a href="/u/login/identifier?state=${encodeURIComponent(p.state)}">Edit</a></p>
<label for="password">Password</label>
<input class="input" name="password" id="password" type="password" required autocomplete="current-password" autofocus>
${ulpError(p.error, 'password')}${CONTINUE}</form></main>`);
}

/** Classic Universal Login with the Lock widget (`/login`), rendered server-side. */
export function classicLockHtml(p: { state: string; tenantName: string; email?: string; error?: LoginPageError }): string {
  const err = p.error
    ? `<div class="auth0-global-message auth0-global-message-error" data-error-code="${h(p.error.code)}"><span>${h(p.error.message)}</span></div>`
    : '';
  return layout(`Sign In with Auth0`, `<div class="auth0-lock auth0-lock-opened"><div class="auth0-lock-widget-container"><main class="auth0-lock-widget">
<div class="auth0-lock-header"><div class="auth0-lock-name">${h(p.tenantName)}</div></div>${err}
<form method="POST" action="/login?state=${encodeURIComponent(p.state)}" class="auth0-lock-form">${hiddenState(p.state)}
<div class="auth0-lock-input-email"><input type="email" name="email" class="auth0-lock-input" placeholder="yours@example.com" value="${h(p.email ?? '')}" autocomplete="off" autocapitalize="off"></div>
<div class="auth0-lock-input-password"><input type="password" name="password" class="auth0-lock-input" placeholder="your password" autocomplete="off"></div>
<button type="submit" class="auth0-lock-submit" name="submit"><span class="auth0-label-submit">Log In</span></button>
</form></main></div></div>`);
}

/** Auth0's generic error page (what a browser sees on a bad /samlp request). */
export function errorPageHtml(p: { code: string; description: string; trackingId: string }): string {
  return layout('Error', `<main class="error-page" data-error-code="${h(p.code)}"><h1>Oops!, something went wrong</h1>
<p class="error-code">${h(p.code)}</p><p class="error-description">${h(p.description)}</p>
<p class="tracking">TRACKING ID: <span>${h(p.trackingId)}</span></p></main>`);
}

/** Auth0's auto-POST page: the browser submits the SAMLResponse to the ACS. */
export function autoPostFormHtml(p: { acsUrl: string; samlResponse: string; relayState?: string }): string {
  const relay = p.relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${h(p.relayState)}">`;
  return `<html><head><title>Submit This Form</title></head><body>` +
    `<form method="post" name="hiddenform" action="${h(p.acsUrl)}">` +
    `<input type="hidden" name="SAMLResponse" value="${h(p.samlResponse)}">${relay}` +
    '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>' +
    '</form><script>window.setTimeout(function () { document.forms[0].submit(); }, 0);</script></body></html>';
}

export function loggedOutHtml(): string {
  return layout('Logged out', '<main><h1>You have been logged out.</h1></main>');
}
