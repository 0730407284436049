// The report.html header: mode, tenant (redacted), commit, versions. Read once at the end of a run,
// in the reporter's process; every lookup that can fail (no git, no package file) says `unknown`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';
import type { RunMeta } from './model.ts';

/**
 * A tenant domain with its tenant name masked (`acme-prod.eu.auth0.com` → `a…d.eu.auth0.com`): the
 * report names the region and whether it is a custom domain without publishing which tenant it is.
 */
export function redactTenant(domain: string | undefined): string {
  if (!domain) return 'unknown';
  const host = domain.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const [first = '', ...rest] = host.split('.');
  const masked = first.length <= 2 ? '…' : `${first[0]}…${first[first.length - 1]}`;
  return [masked, ...rest].join('.');
}

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function playwrightVersion(): string {
  try {
    return versionOf(createRequire(join(REPO_ROOT, 'package.json')).resolve('@playwright/test/package.json'));
  } catch {
    return 'unknown';
  }
}

function gitCommit(cwd: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function runMeta(mode: string, cwd: string, env: NodeJS.ProcessEnv = process.env): RunMeta {
  return {
    mode,
    tenant: mode === 'emulator' ? 'embedded emulator' : redactTenant(env.AUTH0_DOMAIN),
    commit: gitCommit(cwd),
    versions: { flexSso: versionOf(join(REPO_ROOT, 'package.json')), node: process.version, playwright: playwrightVersion() },
  };
}
