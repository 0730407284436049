// Starts the Auth0 emulator over HTTPS (the auth0 SDK only speaks https://{domain}) and gives the
// environment a CLI child process needs to talk to it exactly as to a real tenant.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeIdp, type FakeIdpOptions, type RunningIdp } from '../../../fake-idp/server.ts';
import { runCli, type CliResult } from '../../helpers/cli.ts';

export interface HttpsEmulator {
  idp: RunningIdp;
  env: NodeJS.ProcessEnv;
  /** A scratch directory: the CLI's cwd (no stray config or .env) and a place for files. */
  dir: string;
  secret: string;
  cli(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  writeFile(name: string, text: string): string;
  close(): Promise<void>;
}

export async function startHttpsEmulator(options: Omit<FakeIdpOptions, 'https' | 'port' | 'caDir'> = {}): Promise<HttpsEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-auth0-'));
  const idp = await startFakeIdp({ ...options, https: true, port: 0, caDir: join(dir, 'ca') });
  const env: NodeJS.ProcessEnv = {
    AUTH0_DOMAIN: idp.domain,
    AUTH0_MGMT_CLIENT_ID: idp.managementClientId,
    AUTH0_MGMT_CLIENT_SECRET: idp.managementClientSecret,
    AUTH0_SAML_CLIENT_ID: idp.defaultClientId,
    NODE_EXTRA_CA_CERTS: idp.caFile,
  };
  return {
    idp,
    env,
    dir,
    secret: idp.managementClientSecret,
    cli: (args, extraEnv = {}) => runCli(args, { env: { ...env, ...extraEnv }, cwd: dir, timeoutMs: 90_000 }),
    writeFile: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    close: async () => {
      await idp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
