// Reads the fake SP's login record by its RelayState (GET /api/logins), never the page text.
import type { LoginRecord } from '../run/observation.ts';

interface LoginRecordSummary {
  id: string;
  relayState?: string;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.json();
}

const belongsTo = (relayState: string, login: { relayState?: string }): boolean => login.relayState === undefined || login.relayState === relayState;

/**
 * The newest login record for `relayState`, polling until it appears or `timeoutMs` passes. `loginId`
 * (the ACS answer's X-Login-Id, when the browser saw it) saves the search: one request instead of two.
 */
export async function fetchLoginRecord(spUrl: string, relayState: string, timeoutMs = 2_000, loginId?: string): Promise<LoginRecord | undefined> {
  const base = spUrl.replace(/\/$/, '');
  if (loginId !== undefined) {
    const byId = (await getJson(`${base}/api/logins/${encodeURIComponent(loginId)}`).catch(() => undefined)) as LoginRecord | undefined;
    if (byId && byId.id === loginId && belongsTo(relayState, byId)) return byId;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await getJson(`${base}/api/logins?relayState=${encodeURIComponent(relayState)}`)) as { logins?: LoginRecordSummary[] };
    const summary = list.logins?.find((l) => belongsTo(relayState, l));
    if (summary) return (await getJson(`${base}/api/logins/${encodeURIComponent(summary.id)}`)) as LoginRecord;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
