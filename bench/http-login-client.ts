// A lean login client for the emulator benchmark only (the tests keep the fetch-based
// test/fake-idp/login/http-client.ts). The bench client shares the 2 cores with the emulator it
// measures, so every millisecond it spends per login is a millisecond the emulator cannot use:
// node:http over a keep-alive Agent, cookies kept by hand, and only the parsing a login needs
// (the form action, the state field, a non-empty SAMLResponse on the last page).
import http from 'node:http';

interface Reply {
  status: number;
  location: string | undefined;
  body: string;
}

export interface LeanLoginInput {
  samlPath: string;
  relayState: string;
  username: string;
  password: string;
}

export class LeanLoginClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  /** `baseUrl` is the emulator's origin (http only); `sockets` caps the keep-alive connections. */
  constructor(baseUrl: string, sockets: number) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:') throw new Error(`LeanLoginClient: ${baseUrl} is not an http:// URL`);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, noDelay: true });
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * One IdP-initiated login (single-page Universal Login): /samlp → 302 → login page → POST
   * credentials → Auth0's auto-POST page. True when that page carries a non-empty SAMLResponse.
   */
  async login(input: LeanLoginInput): Promise<boolean> {
    const cookies = new Map<string, string>();
    const start = await this.request('GET', `${input.samlPath}?RelayState=${encodeURIComponent(input.relayState)}`, cookies);
    if (start.status !== 302 || start.location === undefined) return false;
    const page = await this.request('GET', pathOf(start.location), cookies);
    if (page.status !== 200) return false;
    const action = /<form\b[^>]*\saction="([^"]*)"/.exec(page.body)?.[1];
    const state = /<input type="hidden" name="state" value="([^"]*)"/.exec(page.body)?.[1];
    if (action === undefined || state === undefined) return false;
    const body = new URLSearchParams({ state: decodeHtml(state), username: input.username, password: input.password, action: 'default' }).toString();
    const done = await this.request('POST', pathOf(decodeHtml(action)), cookies, body);
    if (done.status !== 200) return false;
    const samlResponse = /<input type="hidden" name="SAMLResponse" value="([^"]*)"/.exec(done.body)?.[1];
    return samlResponse !== undefined && samlResponse !== '';
  }

  private request(method: 'GET' | 'POST', path: string, cookies: Map<string, string>, body?: string): Promise<Reply> {
    const headers: http.OutgoingHttpHeaders = {};
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          storeCookies(cookies, res.headers['set-cookie']);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Path and query of a Location header (the emulator redirects within its own origin). */
function pathOf(location: string): string {
  if (location.startsWith('/')) return location;
  const url = new URL(location);
  return `${url.pathname}${url.search}`;
}

/** The pages escape attribute values; state tokens and paths only ever need &amp; undone. */
function decodeHtml(value: string): string {
  return value.includes('&')
    ? value
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    : value;
}

function storeCookies(cookies: Map<string, string>, lines: string[] | undefined): void {
  for (const line of lines ?? []) {
    const pair = line.slice(0, line.includes(';') ? line.indexOf(';') : line.length);
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1).trim();
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(pair.slice(0, eq).trim());
    else cookies.set(pair.slice(0, eq).trim(), value);
  }
}
