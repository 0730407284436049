// Recognises Auth0's login pages by their DOM and submits credentials on them.
import type { Page } from 'playwright';
import { SECRET_BINDING, secretChannel } from './secret-channel.ts';

export type LoginPageKind = 'single-page' | 'identifier-first' | 'classic-lock';

/** Auth0 New Universal Login and Classic Lock selectors (docs/emulator-fidelity.md, Login pages). */
export const SELECTORS = {
  username: 'input#username',
  password: 'input#password',
  submit: 'button[type=submit][name=action][value=default]',
  passwordError: '#error-element-password[data-error-code]',
  /** Any Universal Login field error (`span#error-element-<field>`): password, username, captcha, code. */
  pageError: '[id^="error-element-"][data-error-code]',
  lockEmail: 'input[name=email], input[name=username]',
  lockPassword: 'input[name=password]',
  lockSubmit: 'button.auth0-lock-submit',
} as const;

export class DriverError extends Error {
  constructor(
    readonly code: 'ELEMENT_MISSING' | 'LOGIN_TIMEOUT' | 'NAVIGATION' | 'PASSWORD_CHANNEL',
    message: string,
    readonly url: string,
    readonly selector?: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/** Runs a Playwright step; a timeout becomes a DriverError naming the page URL and the selector. */
async function step<T>(page: Page, selector: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isTimeout(error)) throw error;
    throw new DriverError('ELEMENT_MISSING', `login page ${page.url()}: no element matches \`${selector}\` within ${timeoutMs} ms`, page.url(), selector);
  }
}

type Selectors = typeof SELECTORS;

// The driver fills fields through the page's own DOM and editing commands, and submits with the
// Enter key (a CDP key event), not through Playwright's selector engine: that engine is a large
// script injected into each new document, a sizeable share of a login (BENCHMARKS.md). A field is focused, its
// text selected and replaced with execCommand('insertText'), which fires the same beforeinput and
// input events as typing (and what keyboard.insertText does); Enter submits through the form's
// default button, checked beforehand to be Auth0's own. The password reaches the page through the
// secret channel, never as a Playwright call's argument (secret-channel.ts).

type Filled = { kind: LoginPageKind } | { missing: string };

/**
 * Runs in the page: says which login page this is and types `value` into its first field, or names
 * what is missing (a page that renders its form with script may not show it yet).
 */
function fillFirstField([sel, value]: [Selectors, string]): Filled {
  const kind: LoginPageKind | undefined = document.querySelector(sel.lockSubmit)
    ? 'classic-lock'
    : !document.querySelector(sel.username)
      ? undefined
      : document.querySelector(sel.password)
        ? 'single-page'
        : 'identifier-first';
  if (!kind) return { missing: `${sel.username}, ${sel.lockSubmit}` };
  const selector = kind === 'classic-lock' ? sel.lockEmail : sel.username;
  const field = document.querySelector(selector);
  if (!(field instanceof HTMLInputElement)) return { missing: selector };
  field.focus();
  field.select();
  if (document.activeElement !== field) return { missing: selector };
  if (value === '') document.execCommand('delete');
  else document.execCommand('insertText', false, value);
  return field.value === value ? { kind } : { missing: selector };
}

/**
 * Runs in the page: checks that Enter in the password field presses `button`, then types the
 * password the secret channel hands over (`binding`). `refused`: the channel gave nothing.
 */
async function fillPasswordField([field, button, binding]: [string, string, string]): Promise<{ missing?: string; refused?: boolean }> {
  const input = document.querySelector(field);
  if (!(input instanceof HTMLInputElement) || !input.form) return { missing: field };
  // Implicit submission uses the form's first submit button.
  const first = input.form.querySelector('button:not([type]), button[type=submit], input[type=submit], input[type=image]');
  if (!first?.matches(button)) return { missing: button };
  input.focus();
  input.select();
  if (document.activeElement !== input) return { missing: field };
  const ask = (window as unknown as Record<string, unknown>)[binding];
  const secret: unknown = typeof ask === 'function' ? await (ask as () => Promise<unknown>)() : null;
  if (typeof secret !== 'string') return { refused: true };
  if (secret === '') document.execCommand('delete');
  else document.execCommand('insertText', false, secret);
  return input.value === secret ? {} : { missing: field };
}

function missing(page: Page, selector: string): DriverError {
  return new DriverError(
    'ELEMENT_MISSING',
    `login page ${page.url()}: no usable element matches \`${selector}\` (missing, hidden or disabled)`,
    page.url(),
    selector,
  );
}

/**
 * Waits for a login page, says which variant it is and types the email into its first field.
 * Server-rendered pages (Universal Login) are complete when the driver gets here, so one evaluate
 * usually does it; a page that renders its form with script (Lock) is waited for with a locator.
 */
export async function detectLoginPage(page: Page, email: string, timeoutMs: number): Promise<LoginPageKind> {
  const now = await page.evaluate(fillFirstField, [SELECTORS, email] as [Selectors, string]).catch(() => undefined);
  if (now && 'kind' in now) return now.kind;
  const any = `${SELECTORS.username}, ${SELECTORS.lockSubmit}`;
  await step(page, any, timeoutMs, () => page.locator(any).first().waitFor({ state: 'attached', timeout: timeoutMs }));
  const later = await page.evaluate(fillFirstField, [SELECTORS, email] as [Selectors, string]).catch(() => ({ missing: any }));
  if ('missing' in later) throw missing(page, later.missing);
  return later.kind;
}

async function typePasswordAndSubmit(page: Page, field: string, button: string, password: string): Promise<void> {
  const channel = await secretChannel(page.context());
  channel.arm(page, password);
  try {
    const filled = await page
      .evaluate(fillPasswordField, [field, button, SECRET_BINDING] as [string, string, string])
      .catch(() => ({ missing: field, refused: false }));
    if (filled.refused) {
      throw new DriverError(
        'PASSWORD_CHANNEL',
        `login page ${page.url()}: the page did not receive the password from the driver's binding \`${SECRET_BINDING}\``,
        page.url(),
      );
    }
    if (filled.missing) throw missing(page, filled.missing);
  } finally {
    channel.disarm();
  }
  await page.keyboard.press('Enter');
}

/**
 * Detects the page, types the credentials and submits them (both steps for identifier-first).
 * `onSubmit` runs once the first page is filled, with its kind, before anything is submitted (from then on an IdP
 * page may show a password error).
 */
export async function submitCredentials(
  page: Page,
  credentials: { email: string; password: string },
  timeoutMs: number,
  onSubmit: (kind: LoginPageKind) => void = () => {},
): Promise<LoginPageKind> {
  const kind = await detectLoginPage(page, credentials.email, timeoutMs);
  onSubmit(kind);
  if (kind === 'classic-lock') {
    await typePasswordAndSubmit(page, SELECTORS.lockPassword, SELECTORS.lockSubmit, credentials.password);
    return kind;
  }
  if (kind === 'identifier-first') {
    await page.keyboard.press('Enter');
    await step(page, SELECTORS.password, timeoutMs, () => page.waitForSelector(SELECTORS.password, { state: 'visible', timeout: timeoutMs }));
  }
  await typePasswordAndSubmit(page, SELECTORS.password, SELECTORS.submit, credentials.password);
  return kind;
}
