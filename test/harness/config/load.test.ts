import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, requireAuth0 } from '../../../harness/config/load.ts';
import { configSchema } from '../../../harness/config/schema.ts';
import { configTemplate } from '../../../harness/config/template.ts';
import { CliError } from '../../../harness/cli/errors.ts';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('loadConfig', () => {
  it('defaults to emulator mode when there is no config file', () => {
    const loaded = loadConfig({ cwd: dirWith({}), env: {} });
    expect(loaded.config.mode).toBe('emulator');
    expect(loaded.file).toBeUndefined();
  });

  it('accepts both templates written by init', () => {
    for (const profile of ['enhanced', 'legacy'] as const) {
      const loaded = loadConfig({ cwd: dirWith({ 'flex-sso.config.yaml': configTemplate(profile) }), env: {} });
      expect(loaded.config.flex?.profile).toBe(profile);
    }
  });

  it('names the file, the line and the field of an invalid value', () => {
    const text = 'mode: emulator\nflex:\n  profile: enhanced\n  connectionId: JQ123\n';
    const dir = dirWith({ 'flex-sso.config.yaml': text });
    const error = errorOf(() => loadConfig({ cwd: dir, env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('flex-sso.config.yaml:4: flex.connectionId: expected JQ followed by 32 hex digits');
  });

  it('rejects an unknown field with its line', () => {
    const dir = dirWith({ 'flex-sso.config.yaml': 'mode: emulator\nmod: staging\n' });
    expect(errorOf(() => loadConfig({ cwd: dir, env: {} })).message).toContain('flex-sso.config.yaml:2: mod: unknown field');
  });

  it('reads secrets from .env without overriding the environment', () => {
    const dir = dirWith({ '.env': 'AUTH0_DOMAIN=from-dotenv.example.com\nAUTH0_MGMT_CLIENT_SECRET="s3cret-value"\n# comment\n' });
    const env: NodeJS.ProcessEnv = { AUTH0_DOMAIN: 'from-env.example.com' };
    const loaded = loadConfig({ cwd: dir, env });
    expect(loaded.env.domain).toBe('from-env.example.com');
    expect(loaded.env.mgmtClientSecret).toBe('s3cret-value');
  });

  it('reports an explicit --config that does not exist', () => {
    expect(errorOf(() => loadConfig({ cwd: dirWith({}), file: 'nope.yaml', env: {} })).code).toBe('CONFIG_NOT_FOUND');
  });
});

describe('requireAuth0', () => {
  it('names every missing variable', () => {
    const error = errorOf(() => requireAuth0({ domain: 'x.example.com' }, ['domain', 'mgmtClientId', 'mgmtClientSecret']));
    expect(error.message).toContain('AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET');
    expect(error.message).not.toContain('AUTH0_DOMAIN');
  });

  it('returns the settings when all are present', () => {
    expect(requireAuth0({ domain: 'd', mgmtClientId: 'i', mgmtClientSecret: 's' }, ['domain']).domain).toBe('d');
  });
});

describe('configSchema', () => {
  it('requires accountSid for the legacy profile', () => {
    const result = configSchema.safeParse(parse('flex:\n  profile: legacy\n'));
    expect(result.success).toBe(false);
  });
});
