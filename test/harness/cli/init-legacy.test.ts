// Issue 18 item 2: `init --legacy` says Legacy SSO is past Twilio's migration deadline (Flex SSO URL
// Migration Guide) and prints the migration steps; `init` (Enhanced) says nothing of the kind.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

describe('flex-sso init', () => {
  it('--legacy writes the Legacy profile and prints the deadline and the migration steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-init-'));
    const result = await runCli(['init', '--legacy'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Flex Legacy SSO (iam.twilio.com …/saml2) is past its migration deadline (2026-03-31)');
    expect(result.stdout).toContain('https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/migration-guide');
    expect(result.stdout).toMatch(/ {2}1\. In Twilio Console open Flex → Manage → Single sign-on/);
    expect(result.stdout).toMatch(/ {2}5\. Validate the connection in Flex/);
    const config = readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8');
    expect(config).toContain("# Legacy SSO is past Twilio's migration deadline (2026-03-31");
    expect(config).toContain('profile: legacy');
  }, 60_000);

  it('without --legacy writes Enhanced and prints no migration notice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-init-'));
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('migration');
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toContain('profile: enhanced');
  }, 60_000);
});
