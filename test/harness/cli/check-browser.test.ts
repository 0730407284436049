import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';

describe('flex-sso check-browser', () => {
  it('reports the Chromium it found', async () => {
    const result = await runCli(['check-browser']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Chromium: \//);
  });

  it('exits 2 with the fix when CHROMIUM_PATH points nowhere', async () => {
    const result = await runCli(['check-browser'], { env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CHROMIUM_PATH is /nonexistent/chromium, which does not exist. [BROWSER_MISSING]');
    expect(result.stderr).toContain('npm run setup');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['no-such-command']);
    expect(result.code).toBe(2);
  });
});
