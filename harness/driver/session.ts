// One reusable login tab per Playwright worker, reset to "no IdP session" before every login.
// Why not a fresh context per login: opening a page starts a renderer, about a quarter
// of a login on 2 busy cores (BENCHMARKS.md, bench/matrix.ts). Isolation still holds: every reset clears cookies and all storage
// of the origins the logins touch (Storage.clearDataForOrigin: local and session storage, IndexedDB,
// caches, service workers), then verifies that no cookie is left — the IdP session is a cookie.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
import { onOrigin } from './origin.ts';

export class IsolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IsolationError';
  }
}

export interface LoginSessionOptions {
  /**
   * Origins whose every page is served with a CSP that forbids scripts (the fake SP's): a tab left
   * on one of them has no document that could write state during the reset, so it stays there
   * instead of loading about:blank first (one navigation less per login, BENCHMARKS.md). Any other page is left for about:blank before the reset.
   */
  scriptFreeOrigins?: readonly string[];
}

export class LoginSession {
  private context: BrowserContext | undefined;
  private page: Page | undefined;
  private cdp: CDPSession | undefined;
  private readonly scriptFree: readonly string[];

  constructor(
    private readonly browser: Browser,
    options: LoginSessionOptions = {},
  ) {
    this.scriptFree = options.scriptFreeOrigins ?? [];
  }

  /** The tab, with no script-capable page, and the cookies and storage of `origins` cleared (no cookie left: verified). */
  async cleanPage(origins: readonly string[]): Promise<Page> {
    if (this.page && !this.onScriptFreePage() && !(await this.blank())) await this.discard();
    if (!this.page) return this.open();
    await this.clear(origins);
    const cookies = await this.cookiesLeft();
    if (cookies.length > 0) {
      await this.discard();
      throw new IsolationError(`the reused login tab kept cookies after the reset: ${cookies.join(', ')}`);
    }
    return this.page;
  }

  /** Cookies of the tab's context, as `name (domain)`: the IdP session lives in one. */
  async cookiesLeft(): Promise<string[]> {
    return ((await this.context?.cookies()) ?? []).map((c) => `${c.name} (${c.domain})`);
  }

  /** Drops the tab (after a failed login, whose page state is unknown); the next login opens a new one. */
  async discard(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    this.page = undefined;
    this.cdp = undefined;
    await context?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.discard();
  }

  private async open(): Promise<Page> {
    this.context = await this.browser.newContext();
    this.page = await this.context.newPage();
    this.cdp = await this.context.newCDPSession(this.page);
    return this.page;
  }

  private onScriptFreePage(): boolean {
    const url = this.page?.url();
    return url !== undefined && this.scriptFree.some((origin) => onOrigin(url, origin));
  }

  /** Leaves every origin (no document may write state during the reset); false if the tab is stuck. */
  private async blank(): Promise<boolean> {
    try {
      await this.page?.goto('about:blank', { timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  private async clear(origins: readonly string[]): Promise<void> {
    const cdp = this.cdp;
    if (!this.context || !cdp) return;
    await Promise.all([this.context.clearCookies(), ...origins.map((origin) => cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' }))]);
  }
}
