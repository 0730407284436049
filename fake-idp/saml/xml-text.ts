// Escaping and identifier helpers shared by every XML string the emulator writes (HTML: flex/html.ts).
import { randomBytes, randomInt } from 'node:crypto';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes a value for XML text or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Auth0's Response ID: `_` + 20 hex characters. */
export function newResponseId(): string {
  return `_${randomBytes(10).toString('hex')}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Auth0's Assertion ID / SessionIndex: `_` + 32 alphanumerics. */
export function newAssertionId(): string {
  let id = '_';
  for (let i = 0; i < 32; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

/** Random URL-safe token for login state and session cookies. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Auth0 formats Date claims with JavaScript's Date#toString in UTC. */
export function auth0DateString(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${p(date.getUTCDate())} ${date.getUTCFullYear()} ` +
    `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`
  );
}
