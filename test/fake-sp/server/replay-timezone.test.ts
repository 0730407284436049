// The time check read a zone-less NotOnOrAfter as UTC, the replay cache with
// Date.parse as local time, so on a UTC+9 host the replay-cache entry expired 9 h early and the same
// response was accepted twice. The SP runs in a child process whose TZ is Asia/Tokyo (a process's
// time zone is fixed when it starts), and the same response is posted twice.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./support/replay-in-timezone.ts', import.meta.url));

async function postTwice(tz: string, clock: string, notOnOrAfter: string, subjectNotOnOrAfter: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, clock, notOnOrAfter, subjectNotOnOrAfter], {
    env: { ...process.env, TZ: tz },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as { offsetMinutes: number; statuses: number[]; secondFailed: string[] };
}

describe('replay protection with zone-less timestamps', () => {
  it('refuses the second POST of the same response on a UTC+9 host (Asia/Tokyo)', async () => {
    const r = await postTwice('Asia/Tokyo', '2026-01-15T10:30:00Z', '2026-01-15T11:00:00', '2026-01-15T11:00:00');
    expect(r.offsetMinutes).toBe(-540); // the child really runs at UTC+9
    expect(r.statuses).toEqual([302, 403]);
    expect(r.secondFailed).toEqual(['replay']);
  });
});
