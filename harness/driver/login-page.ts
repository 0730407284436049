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

/**
 * Waits for a login page and says which variant it is, in one round trip to the page: the last of
 * the username field, the password field and Lock's submit button tells them apart (the password
 * field follows the username field on the single page; identifier-first shows only the username;
 * Lock has its own button). It runs in Playwright's utility world, which the fills and clicks use
 * next, so no script is set up in the page's main world.
 */
export async function detectLoginPage(page: Page, timeoutMs: number): Promise<LoginPageKind> {
  const any = `${SELECTORS.username}, ${SELECTORS.password}, ${SELECTORS.lockSubmit}`;
  const id = await step(page, any, timeoutMs, () => page.locator(any).last().getAttribute('id', { timeout: timeoutMs }));
  if (id === 'password') return 'single-page';
  return id === 'username' ? 'identifier-first' : 'classic-lock';
}

// `force` skips Playwright's repeated actionability polling (≈ 20 % of a login here): the form was
// already waited for, and a field that cannot take input ends in a LOGIN_TIMEOUT naming the page.
async function fill(page: Page, selector: string, value: string, timeoutMs: number): Promise<void> {
  await step(page, selector, timeoutMs, () => page.locator(selector).first().fill(value, { timeout: timeoutMs, force: true }));
}

async function click(page: Page, selector: string, timeoutMs: number): Promise<void> {
  await step(page, selector, timeoutMs, () => page.locator(selector).first().click({ timeout: timeoutMs, noWaitAfter: true, force: true }));
}

/** Detects the page, types the credentials and submits them (both steps for identifier-first). */
export async function submitCredentials(page: Page, credentials: { email: string; password: string }, timeoutMs: number): Promise<LoginPageKind> {
  const kind = await detectLoginPage(page, timeoutMs);
  if (kind === 'classic-lock') {
    await fill(page, SELECTORS.lockEmail, credentials.email, timeoutMs);
    await fill(page, SELECTORS.lockPassword, credentials.password, timeoutMs);
    await click(page, SELECTORS.lockSubmit, timeoutMs);
    return kind;
  }
  await fill(page, SELECTORS.username, credentials.email, timeoutMs);
  if (kind === 'identifier-first') {
    await click(page, SELECTORS.submit, timeoutMs);
    await step(page, SELECTORS.password, timeoutMs, () => page.waitForSelector(SELECTORS.password, { state: 'visible', timeout: timeoutMs }));
  }
  await fill(page, SELECTORS.password, credentials.password, timeoutMs);
  await click(page, SELECTORS.submit, timeoutMs);
  return kind;
}
