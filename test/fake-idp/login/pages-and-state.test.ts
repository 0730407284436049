import { describe, expect, test } from 'vitest';
import { classicLockHtml } from '../../../fake-idp/login/lock-page.ts';
import { autoPostFormHtml, errorPageHtml, mfaOtpChallengeHtml, passwordPageHtml, singlePageLoginHtml } from '../../../fake-idp/login/pages.ts';
import { IdpSessions, LoginTransactions, readCookie, SESSION_TTL_MS, TRANSACTION_TTL_MS } from '../../../fake-idp/login/transactions.ts';

const EVIL = '"><script>alert(1)</script>';

describe('login pages escape every value', () => {
  test.each([
    ['single page', singlePageLoginHtml({ state: EVIL, tenantName: EVIL, username: EVIL, error: { code: EVIL, message: EVIL } })],
    ['password page', passwordPageHtml({ state: EVIL, tenantName: EVIL, username: EVIL })],
    ['classic lock', classicLockHtml({ state: EVIL, tenantName: EVIL, clientId: EVIL, connection: EVIL, tenant: EVIL })],
    ['MFA challenge', mfaOtpChallengeHtml({ state: EVIL, clientName: EVIL, error: { code: EVIL, message: EVIL } })],
    ['error page', errorPageHtml({ code: EVIL, description: EVIL, trackingId: EVIL })],
    ['auto-POST', autoPostFormHtml({ acsUrl: EVIL, samlResponse: EVIL, relayState: EVIL })],
  ])('%s', (_name, html) => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  test('the auto-POST page omits RelayState when there is none', () => {
    expect(autoPostFormHtml({ acsUrl: 'https://sp/acs', samlResponse: 'PHg+' })).not.toContain('RelayState');
  });
});

describe('login transactions and sessions expire by the injected clock', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  test('a transaction is usable until its TTL, then gone; finish() makes it single-use', () => {
    const txs = new LoginTransactions();
    const tx = txs.begin({ clientId: 'c', acsUrl: 'https://sp/acs', connection: 'Username-Password-Authentication' }, t0);
    expect(tx.state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(txs.get(tx.state, later(TRANSACTION_TTL_MS - 1))).toBe(tx);
    expect(txs.get(tx.state, later(TRANSACTION_TTL_MS))).toBeUndefined();
    const other = txs.begin({ clientId: 'c', acsUrl: 'https://sp/acs', connection: 'x' }, t0);
    txs.finish(other.state);
    expect(txs.get(other.state, t0)).toBeUndefined();
    expect(txs.get(undefined, t0)).toBeUndefined();
  });

  test('a session is valid until its TTL; end() removes it', () => {
    const sessions = new IdpSessions();
    const s = sessions.create('auth0|u', t0);
    expect(sessions.get(s.id, later(SESSION_TTL_MS - 1))?.userId).toBe('auth0|u');
    expect(sessions.get(s.id, later(SESSION_TTL_MS))).toBeUndefined();
    const s2 = sessions.create('auth0|u', t0);
    sessions.end(s2.id);
    expect(sessions.get(s2.id, t0)).toBeUndefined();
  });

  test('readCookie finds one cookie and tolerates junk', () => {
    expect(readCookie('a=1; auth0=xyz; b=2', 'auth0')).toBe('xyz');
    expect(readCookie('auth0=%E0%A4%A', 'auth0')).toBeUndefined();
    expect(readCookie(undefined, 'auth0')).toBeUndefined();
  });
});
