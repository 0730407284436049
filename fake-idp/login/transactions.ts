// In-memory login transactions (the `state` parameter) and IdP sessions (the SSO cookie).
// Both expire by the injected clock and are bounded so a flood of requests cannot grow memory.
import { newToken } from '../saml/xml-text.ts';

export interface LoginTransaction {
  state: string;
  clientId: string;
  acsUrl: string;
  relayState?: string;
  /** AuthnRequest ID when SP-initiated. */
  inResponseTo?: string;
  authnRequestIssuer?: string;
  connection: string;
  /** Identifier-first: the username entered on step 1. */
  username?: string;
  /** Lock: credentials accepted by /usernamepassword/login, redeemed once by /login/callback (wresult). */
  lockLogin?: { token: string; userId: string };
  /** Lock: the user /login/callback authenticated; /authorize/resume finishes the login. */
  resumeUserId?: string;
  /** MFA applies: the login waits on the challenge page for this user. */
  mfaUserId?: string;
  createdAt: number;
  expiresAt: number;
}

export interface IdpSession {
  id: string;
  userId: string;
  expiresAt: number;
}

class ExpiringMap<T extends { expiresAt: number }> {
  private readonly items = new Map<string, T>();
  constructor(private readonly maxEntries: number) {}
  put(key: string, value: T, nowMs: number): void {
    if (this.items.size >= this.maxEntries) this.sweep(nowMs);
    // Still full after removing expired entries: evict the oldest (Map keeps insertion order).
    while (this.items.size >= this.maxEntries) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
    this.items.set(key, value);
  }
  get(key: string, nowMs: number): T | undefined {
    const value = this.items.get(key);
    if (value && value.expiresAt <= nowMs) {
      this.items.delete(key);
      return undefined;
    }
    return value;
  }
  delete(key: string): void {
    this.items.delete(key);
  }
  private sweep(nowMs: number): void {
    for (const [k, v] of this.items) if (v.expiresAt <= nowMs) this.items.delete(k);
  }
}

export const TRANSACTION_TTL_MS = 10 * 60 * 1000;
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export class LoginTransactions {
  private readonly map = new ExpiringMap<LoginTransaction>(10_000);
  begin(input: Omit<LoginTransaction, 'state' | 'createdAt' | 'expiresAt'>, now: Date): LoginTransaction {
    const tx: LoginTransaction = { ...input, state: newToken(), createdAt: now.getTime(), expiresAt: now.getTime() + TRANSACTION_TTL_MS };
    this.map.put(tx.state, tx, now.getTime());
    return tx;
  }
  get(state: string | undefined, now: Date): LoginTransaction | undefined {
    return state ? this.map.get(state, now.getTime()) : undefined;
  }
  /** A transaction completes once: its state cannot be replayed. */
  finish(state: string): void {
    this.map.delete(state);
  }
}

export class IdpSessions {
  private readonly map = new ExpiringMap<IdpSession>(10_000);
  create(userId: string, now: Date): IdpSession {
    const session = { id: newToken(), userId, expiresAt: now.getTime() + SESSION_TTL_MS };
    this.map.put(session.id, session, now.getTime());
    return session;
  }
  get(id: string | undefined, now: Date): IdpSession | undefined {
    return id ? this.map.get(id, now.getTime()) : undefined;
  }
  end(id: string | undefined): void {
    if (id) this.map.delete(id);
  }
}

export const SESSION_COOKIE = 'auth0';

/** Reads one cookie from a Cookie header (no dependency on cookie-parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
