// The control channel of a running `flex-sso serve all`: `flex-sso login` asks it to make a user
// ready (harness/login/prepare-emulator.ts seedForLogin, run here, in the process that owns the
// tenant) and then drives the browser itself, so its login lands in the dashboard already open.
// 127.0.0.1 only, a bearer token from the 0600 owner file, JSON bodies of at most 16 KiB.
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CliError } from '../cli/errors.ts';
import { seedForLogin, type LoginTarget, type SeededLogin } from '../login/prepare-emulator.ts';
import type { ScenarioSource } from '../scenarios/load.ts';

export const CONTROL_LOGIN_PATH = '/login';
const MAX_BODY = 16 * 1024;

export interface ControlLoginRequest {
  email: string;
  password?: string;
  passwordEnv: string;
  scenarios?: string;
  /** The login's default scenario files (its config's `scenarios:`), resolved in the login's directory. */
  scenarioSource?: ScenarioSource;
  profile: 'enhanced' | 'legacy';
}

function isSource(value: unknown): value is ScenarioSource {
  const v = value as Partial<ScenarioSource> | null;
  if (typeof v !== 'object' || v === null || typeof v.glob !== 'string') return false;
  const c = v.config;
  return (
    c === undefined ||
    (typeof c === 'object' &&
      c !== null &&
      typeof c.file === 'string' &&
      typeof c.line === 'number' &&
      typeof c.value === 'string' &&
      typeof c.dir === 'string')
  );
}

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function isRequest(value: unknown): value is ControlLoginRequest {
  const v = value as Partial<ControlLoginRequest> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.email === 'string' &&
    typeof v.passwordEnv === 'string' &&
    (v.password === undefined || typeof v.password === 'string') &&
    (v.scenarios === undefined || typeof v.scenarios === 'string') &&
    (v.scenarioSource === undefined || isSource(v.scenarioSource)) &&
    (v.profile === 'enhanced' || v.profile === 'legacy')
  );
}

export async function startControl(target: LoginTarget, token: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== CONTROL_LOGIN_PATH) return send(404, { code: 'NOT_FOUND', message: 'POST /login only' });
    if (!authorised(req.headers.authorization, token)) return send(401, { code: 'UNAUTHORISED', message: 'bad or missing token' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        send(413, { code: 'TOO_LARGE', message: `at most ${MAX_BODY} bytes` });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      if (!isRequest(body))
        return send(400, { code: 'BAD_REQUEST', message: 'expected {email, passwordEnv, profile, password?, scenarios?, scenarioSource?}' });
      try {
        const seeded: SeededLogin = seedForLogin(target, { ...body, ...(body.scenarios === undefined ? {} : { scenarios: body.scenarios }) });
        send(200, seeded);
      } catch (error) {
        if (error instanceof CliError) send(400, { code: error.code, message: error.message, hint: error.hint });
        else send(500, { code: 'CONTROL_FAILED', message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
