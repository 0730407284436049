// HTML of the emulated Auth0 pages. The element ids, names, classes and error codes are the DOM
// contract login drivers rely on (docs/emulator-fidelity.md): keep them identical to Auth0's. Every value is escaped.
import { escapeHtml as h } from '../../flex/html.ts';

/** An error Universal Login shows under a field (`#error-element-<field>`), with its text-customization key as code. */
export interface LoginPageError {
  code: string;
  message: string;
  field?: 'username' | 'password' | 'captcha' | 'code';
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f3f3;margin:0}
main{max-width:400px;margin:60px auto;background:#fff;padding:40px;border-radius:5px;box-shadow:0 12px 40px rgba(0,0,0,.12)}
input{display:block;width:100%;box-sizing:border-box;padding:12px;margin:8px 0 16px;border:1px solid #c9cace;border-radius:3px}
button{width:100%;padding:12px;background:#635dff;color:#fff;border:0;border-radius:3px;font-size:16px}
.ulp-input-error-message,.auth0-global-message-error{display:block;color:#d03c38;margin:0 0 12px}`;

export function layout(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${h(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}

function header(tenantName: string, heading: string): string {
  return `<header><h1>${h(heading)}</h1><p>Log in to ${h(tenantName)} to continue.</p></header>`;
}

/**
 * Universal Login's field error: a `span` (#error-element-password with
 * data-error-code="wrong-email-credentials" on real tenants, as login drivers in the wild select it)
 * holding an icon span and the message. `field` places it; the error's own field wins.
 */
function ulpError(error: LoginPageError | undefined, field: NonNullable<LoginPageError['field']>): string {
  if (!error) return '';
  return (
    `<span id="error-element-${error.field ?? field}" class="ulp-input-error-message" data-error-code="${h(error.code)}">` +
    `<span class="ulp-input-error-icon" role="img" aria-label="Error"></span>${h(error.message)}</span>`
  );
}

/**
 * Bot detection's challenge in the login form: the hidden `captcha` field and the provider's container
 * (`auth0_v2`, Auth Challenge, the default provider). The widget script itself is not served (offline).
 */
function captchaBox(show: boolean | undefined): string {
  return show
    ? '<input type="hidden" name="captcha" value=""><div class="ulp-captcha-container" data-captcha-provider="auth0_v2" data-captcha-sitekey="emulator-no-captcha"></div>\n'
    : '';
}

const CONTINUE = '<button type="submit" name="action" value="default" class="c-button">Continue</button>';

function hiddenState(state: string): string {
  return `<input type="hidden" name="state" value="${h(state)}">`;
}

/** New Universal Login, identifier + password on one page (`/u/login`). */
export interface UlpPageInput {
  state: string;
  tenantName: string;
  username?: string;
  error?: LoginPageError;
  captcha?: boolean;
}

export function singlePageLoginHtml(p: UlpPageInput): string {
  return layout(
    `Log in | ${p.tenantName}`,
    `<main class="login-id">${header(p.tenantName, 'Welcome')}
<form method="POST" action="/u/login?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<label for="username">Email address</label>
<input class="input" name="username" id="username" type="text" value="${h(p.username ?? '')}" required autocomplete="username" autocapitalize="none" spellcheck="false" autofocus>
<label for="password">Password</label>
<input class="input" name="password" id="password" type="password" required autocomplete="current-password">
${ulpError(p.error, 'password')}${captchaBox(p.captcha)}${CONTINUE}</form></main>`,
  );
}

/** Identifier-first, step 1 (`/u/login/identifier`). */
export function identifierPageHtml(p: UlpPageInput): string {
  return layout(
    `Log in | ${p.tenantName}`,
    `<main class="login-id">${header(p.tenantName, 'Welcome')}
<form method="POST" action="/u/login/identifier?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<label for="username">Email address</label>
<input class="input" name="username" id="username" type="text" value="${h(p.username ?? '')}" required autocomplete="username" autocapitalize="none" spellcheck="false" autofocus>
${ulpError(p.error, 'username')}${CONTINUE}</form></main>`,
  );
}

/** Identifier-first, step 2 (`/u/login/password`). */
export function passwordPageHtml(p: UlpPageInput & { username: string }): string {
  return layout(
    `Enter your password | ${p.tenantName}`,
    `<main class="login-password">${header(p.tenantName, 'Enter Your Password')}
<form method="POST" action="/u/login/password?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<input type="hidden" name="username" value="${h(p.username)}">
<p class="username-display">${h(p.username)} <a href="/u/login/identifier?state=${encodeURIComponent(p.state)}">Edit</a></p>
<label for="password">Password</label>
<input class="input" name="password" id="password" type="password" required autocomplete="current-password" autofocus>
${ulpError(p.error, 'password')}${captchaBox(p.captcha)}${CONTINUE}</form></main>`,
  );
}

/**
 * Universal Login's MFA one-time-password challenge (screen `mfa-otp-challenge`, its texts from
 * customize-text-elements): where a login stops when MFA applies. The emulator verifies no code.
 */
export function mfaOtpChallengeHtml(p: { state: string; clientName: string; error?: LoginPageError }): string {
  return layout(
    `Enter your one-time password to log in ${p.clientName}`,
    `<main class="mfa-otp-challenge">
<header><h1>Verify Your Identity</h1><p>Check your preferred one-time password application for a code.</p></header>
<form method="POST" action="/u/mfa-otp-challenge?state=${encodeURIComponent(p.state)}" data-form-primary="true">${hiddenState(p.state)}
<label for="code">Enter your one-time code</label>
<input class="input" name="code" id="code" type="text" inputmode="numeric" required autocomplete="one-time-code" autocapitalize="none" spellcheck="false" autofocus>
${ulpError(p.error, 'code')}${CONTINUE}</form></main>`,
  );
}

/** Auth0's generic error page (what a browser sees on a bad /samlp request). */
export function errorPageHtml(p: { code: string; description: string; trackingId: string }): string {
  return layout(
    'Error',
    `<main class="error-page" data-error-code="${h(p.code)}"><h1>Oops!, something went wrong</h1>
<p class="error-code">${h(p.code)}</p><p class="error-description">${h(p.description)}</p>
<p class="tracking">TRACKING ID: <span>${h(p.trackingId)}</span></p></main>`,
  );
}

/** Auth0's auto-POST page: the browser submits the SAMLResponse to the ACS. */
export function autoPostFormHtml(p: { acsUrl: string; samlResponse: string; relayState?: string }): string {
  const relay = p.relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${h(p.relayState)}">`;
  return (
    `<html><head><title>Submit This Form</title></head><body>` +
    `<form method="post" name="hiddenform" action="${h(p.acsUrl)}">` +
    `<input type="hidden" name="SAMLResponse" value="${h(p.samlResponse)}">${relay}` +
    '<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>' +
    '</form><script>window.setTimeout(function () { document.forms[0].submit(); }, 0);</script></body></html>'
  );
}

export function loggedOutHtml(): string {
  return layout('Logged out', '<main><h1>You have been logged out.</h1></main>');
}
