// Recognises Auth0's login pages by their DOM and submits credentials on them.
import type { Page } from 'playwright';

export type LoginPageKind = 'single-page' | 'identifier-first' | 'classic-lock';

/** Auth0 New Universal Login and Classic Lock selectors (see DESIGN.md). */
export const SELECTORS = {
  username: 'input#username',
  password: 'input#password',
  submit: 'button[type=submit][name=action][value=default]',
  passwordError: '#error-element-password[data-error-code]',
  lockEmail: 'input[name=email], input[name=username]',
  lockPassword: 'input[name=password]',
  lockSubmit: 'button.auth0-lock-submit',
} as const;

export class DriverError extends Error {
  constructor(readonly code: 'ELEMENT_MISSING' | 'LOGIN_TIMEOUT' | 'NAVIGATION', message: string, readonly url: string, readonly selector?: string) {
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

// The driver types and presses through the page's own DOM (focus) and the keyboard (CDP input
// events), not through Playwright's selector engine: that engine is a ≈ 340 kB script injected into
// each new document, ≈ 45 ms of a login on 2 cores. Typing is what `fill` does (one insertText
// replacing the selected text); submitting is the Enter key in the password field, which submits
// through the form's default button — checked beforehand to be Auth0's own.

type Focus = { kind: LoginPageKind } | { missing: string };

/**
 * Runs in the page: says which login page this is and focuses its first field (text selected), or
 * names what is missing (a page that renders its form with script may not show it yet).
 */
function focusFirstField(sel: Selectors): Focus {
  const kind: LoginPageKind | undefined = document.querySelector(sel.lockSubmit) ? 'classic-lock'
    : !document.querySelector(sel.username) ? undefined
      : document.querySelector(sel.password) ? 'single-page' : 'identifier-first';
  if (!kind) return { missing: `${sel.username}, ${sel.lockSubmit}` };
  const selector = kind === 'classic-lock' ? sel.lockEmail : sel.username;
  const field = document.querySelector(selector);
  if (!(field instanceof HTMLInputElement)) return { missing: selector };
  field.focus();
  field.select();
  return document.activeElement === field ? { kind } : { missing: selector };
}

/** Runs in the page: focuses the password field after checking that Enter there presses `button`. */
function focusPasswordField([field, button]: [string, string]): { missing?: string } {
  const input = document.querySelector(field);
  if (!(input instanceof HTMLInputElement) || !input.form) return { missing: field };
  // Implicit submission uses the form's first submit button.
  const first = input.form.querySelector('button:not([type]), button[type=submit], input[type=submit], input[type=image]');
  if (!first?.matches(button)) return { missing: button };
  input.focus();
  input.select();
  return document.activeElement === input ? {} : { missing: field };
}

function missing(page: Page, selector: string): DriverError {
  return new DriverError('ELEMENT_MISSING', `login page ${page.url()}: no usable element matches \`${selector}\` (missing, hidden or disabled)`, page.url(), selector);
}

/** Types into the focused field, replacing its selected text. */
async function type(page: Page, value: string): Promise<void> {
  if (value === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(value);
}

/**
 * Waits for a login page, says which variant it is and focuses its first field. Server-rendered
 * pages (Universal Login) are complete when the driver gets here, so one evaluate usually does it;
 * a page that renders its form with script (Lock) is waited for with a Playwright locator.
 */
export async function detectLoginPage(page: Page, timeoutMs: number): Promise<LoginPageKind> {
  const now = await page.evaluate(focusFirstField, SELECTORS).catch(() => undefined);
  if (now && 'kind' in now) return now.kind;
  const any = `${SELECTORS.username}, ${SELECTORS.lockSubmit}`;
  await step(page, any, timeoutMs, () => page.locator(any).first().waitFor({ state: 'attached', timeout: timeoutMs }));
  const later = await page.evaluate(focusFirstField, SELECTORS).catch(() => ({ missing: any }));
  if ('missing' in later) throw missing(page, later.missing);
  return later.kind;
}

async function typePasswordAndSubmit(page: Page, field: string, button: string, password: string): Promise<void> {
  const focused = await page.evaluate(focusPasswordField, [field, button] as [string, string]).catch(() => ({ missing: field }));
  if (focused.missing) throw missing(page, focused.missing);
  await type(page, password);
  await page.keyboard.press('Enter');
}

/** Detects the page, types the credentials and submits them (both steps for identifier-first). */
export async function submitCredentials(page: Page, credentials: { email: string; password: string }, timeoutMs: number): Promise<LoginPageKind> {
  const kind = await detectLoginPage(page, timeoutMs);
  await type(page, credentials.email);
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
