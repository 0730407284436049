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

/** Which login page the document shows right now, or null while it shows none (yet). Runs in the page. */
function kindInPage(sel: Selectors): LoginPageKind | null {
  if (document.querySelector(sel.lockSubmit)) return 'classic-lock';
  if (!document.querySelector(sel.username)) return null;
  return document.querySelector(sel.password) ? 'single-page' : 'identifier-first';
}

/**
 * Waits for a login page and says which variant it is. Server-rendered pages (Universal Login) are
 * complete when the driver gets here, so one evaluate in the page usually answers; a page that
 * renders its form with script (Lock) is waited for with a Playwright locator.
 */
export async function detectLoginPage(page: Page, timeoutMs: number): Promise<LoginPageKind> {
  const now = await page.evaluate(kindInPage, SELECTORS).catch(() => null);
  if (now) return now;
  const any = `${SELECTORS.username}, ${SELECTORS.lockSubmit}`;
  await step(page, any, timeoutMs, () => page.locator(any).first().waitFor({ state: 'attached', timeout: timeoutMs }));
  const later = await page.evaluate(kindInPage, SELECTORS).catch(() => null);
  if (!later) throw new DriverError('ELEMENT_MISSING', `login page ${page.url()}: the login form went away (\`${any}\`)`, page.url(), any);
  return later;
}

// Typing and pressing go through the page's own DOM (focus) and the keyboard (CDP input events),
// not through Playwright's selector engine: that engine is a ≈ 340 kB script injected into each
// new document, ≈ 45 ms of a login on 2 cores; the keyboard path types the same way `fill` does
// (one insertText replacing the selected text) and presses keys a user would press.

/** Focuses the first element matching `selector` (selecting an input's text); false when there is none. */
function focus(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!(element instanceof HTMLElement)) return false;
    element.focus();
    if (element instanceof HTMLInputElement) element.select();
    return document.activeElement === element;
  }, selector).catch(() => false);
}

async function focusOrWait(page: Page, selector: string, timeoutMs: number): Promise<void> {
  if (await focus(page, selector)) return;
  await step(page, selector, timeoutMs, () => page.locator(selector).first().waitFor({ state: 'attached', timeout: timeoutMs }));
  if (!(await focus(page, selector))) {
    throw new DriverError('ELEMENT_MISSING', `login page ${page.url()}: \`${selector}\` cannot take the keyboard focus (hidden or disabled?)`, page.url(), selector);
  }
}

/** Replaces the field's value with `value`, as Playwright's fill does. */
async function fill(page: Page, selector: string, value: string, timeoutMs: number): Promise<void> {
  await focusOrWait(page, selector, timeoutMs);
  if (value === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(value);
}

/** Presses the button from the keyboard (focus, Enter): a real activation of exactly that button. */
async function press(page: Page, selector: string, timeoutMs: number): Promise<void> {
  await focusOrWait(page, selector, timeoutMs);
  await page.keyboard.press('Enter');
}

/** Detects the page, types the credentials and submits them (both steps for identifier-first). */
export async function submitCredentials(page: Page, credentials: { email: string; password: string }, timeoutMs: number): Promise<LoginPageKind> {
  const kind = await detectLoginPage(page, timeoutMs);
  if (kind === 'classic-lock') {
    await fill(page, SELECTORS.lockEmail, credentials.email, timeoutMs);
    await fill(page, SELECTORS.lockPassword, credentials.password, timeoutMs);
    await press(page, SELECTORS.lockSubmit, timeoutMs);
    return kind;
  }
  await fill(page, SELECTORS.username, credentials.email, timeoutMs);
  if (kind === 'identifier-first') {
    await press(page, SELECTORS.submit, timeoutMs);
    await step(page, SELECTORS.password, timeoutMs, () => page.waitForSelector(SELECTORS.password, { state: 'visible', timeout: timeoutMs }));
  }
  await fill(page, SELECTORS.password, credentials.password, timeoutMs);
  await press(page, SELECTORS.submit, timeoutMs);
  return kind;
}
