// Classic Universal Login with the Lock widget (`/login`). Lock never posts the page: on submit,
// auth0.js sends the credentials by XHR to /usernamepassword/login (github auth0/auth0.js
// src/web-auth/username-password.js), shows an error there without navigating (auth0/lock
// src/ui/box/global_message.jsx: div.auth0-global-message-error > span.animated.fadeInUp), and on
// success inserts the returned hidden form and submits it to /login/callback (UsernamePassword
// .prototype.callback). The DOM follows Lock's container.jsx / chrome.jsx; the script is a small
// stand-in for the two libraries, served inline.
import { escapeHtml as h } from '../../flex/html.ts';
import { layout } from './pages.ts';

/** Lock's English texts for the codes /usernamepassword/login answers (auth0/lock src/i18n/en.js, error.login). */
const LOCK_MESSAGES: Record<string, string> = {
  invalid_user_password: 'Wrong email or password.',
  too_many_attempts: 'Your account has been blocked after multiple consecutive login attempts.',
  blocked_user: 'The user is blocked.',
  invalid_captcha: 'Solve the challenge question to verify you are not a robot.',
  invalid_recaptcha: 'Select the checkbox to verify you are not a robot.',
  'lock.network': 'We could not reach the server. Please check your connection and try again.',
  'lock.fallback': "We're sorry, something went wrong when attempting to log in.",
};

const SCRIPT = `(function () {
  var MESSAGES = ${JSON.stringify(LOCK_MESSAGES).replace(/</g, '\\u003c')};
  var form = document.querySelector('form.auth0-lock-widget');
  var content = form.querySelector('.auth0-lock-content');
  var button = form.querySelector('button.auth0-lock-submit');
  function showError(code, description) {
    var old = form.querySelector('.auth0-global-message');
    if (old) old.parentNode.removeChild(old);
    var box = document.createElement('div');
    box.className = 'auth0-global-message auth0-global-message-error';
    var text = document.createElement('span');
    text.className = 'animated fadeInUp';
    text.textContent = MESSAGES[code] || description || MESSAGES['lock.fallback'];
    box.appendChild(text);
    content.insertBefore(box, content.firstChild);
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (button.disabled) return;
    var body = { client_id: form.getAttribute('data-client-id'), connection: form.getAttribute('data-connection'),
      tenant: form.getAttribute('data-tenant'), state: form.getAttribute('data-state'),
      username: form.elements.email.value, password: form.elements.password.value };
    if (form.elements.captcha) body.captcha = form.elements.captcha.value;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/usernamepassword/login');
    xhr.setRequestHeader('Content-Type', 'application/json');
    button.disabled = true;
    xhr.onload = function () {
      if (xhr.status === 200 && /^text\\/html/.test(xhr.getResponseHeader('Content-Type') || '')) {
        var holder = document.createElement('div');
        holder.innerHTML = xhr.responseText;
        document.body.appendChild(holder).children[0].submit();
        return;
      }
      button.disabled = false;
      var error = {};
      try { error = JSON.parse(xhr.responseText) || {}; } catch (e) { error = {}; }
      var code = error.code;
      if (code === 'unauthorized' && error.description === 'user is blocked') code = 'blocked_user';
      showError(code, error.description);
    };
    xhr.onerror = function () { button.disabled = false; showError('lock.network'); };
    xhr.send(JSON.stringify(body));
  });
})();`;

export interface LockPageInput {
  state: string;
  tenantName: string;
  clientId: string;
  connection: string;
  tenant: string;
  captcha?: boolean;
}

export function classicLockHtml(p: LockPageInput): string {
  const captcha = p.captcha
    ? '<div class="auth0-lock-captcha"><input type="text" name="captcha" class="auth0-lock-input" placeholder="Enter the code shown above" autocomplete="off"></div>'
    : '';
  return layout(
    'Sign In with Auth0',
    `<div class="auth0-lock auth0-lock-opened"><div class="auth0-lock-center">
<form class="auth0-lock-widget" method="post" novalidate data-state="${h(p.state)}" data-client-id="${h(p.clientId)}" data-connection="${h(p.connection)}" data-tenant="${h(p.tenant)}">
<div class="auth0-lock-widget-container"><div class="auth0-lock-header"><div class="auth0-lock-name">${h(p.tenantName)}</div></div>
<div class="auth0-lock-content">
<div class="auth0-lock-input-email"><input type="email" id="1-email" name="email" class="auth0-lock-input" placeholder="yours@example.com" autocomplete="off" autocapitalize="off"></div>
<div class="auth0-lock-input-password"><input type="password" id="1-password" name="password" class="auth0-lock-input" placeholder="your password" autocomplete="off"></div>
${captcha}</div>
<button id="1-submit" class="auth0-lock-submit" name="submit" type="submit" aria-label="Log In"><span class="auth0-label-submit">Log In</span></button>
</div></form></div></div>
<script>${SCRIPT}</script>`,
  );
}
