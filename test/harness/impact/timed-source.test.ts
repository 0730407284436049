// The tenant-read time impact prints is the time spent waiting for users, not the time the Actions
// took on them (harness/impact/timed-source.ts). A fake clock: the source costs 100 ms per user and
// 50 ms to end, the consumer 1,000 ms per user.
import { describe, expect, it } from 'vitest';
import { timedSource, type SourceTiming } from '../../../harness/impact/timed-source.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function* slowSource(c: ReturnType<typeof clock>, values: string[]): AsyncGenerator<string> {
  for (const v of values) {
    c.advance(100);
    yield v;
  }
  c.advance(50);
}

describe('timedSource', () => {
  it('counts the time inside the source, not the time the consumer holds each value', async () => {
    const c = clock();
    const timing: SourceTiming = { waitedMs: 0, count: 0 };
    const seen: string[] = [];
    for await (const v of timedSource(slowSource(c, ['a', 'b', 'c']), timing, c.now)) {
      seen.push(v);
      c.advance(1000);
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(timing).toEqual({ waitedMs: 350, count: 3 });
  });

  it('counts an empty source that takes time to say so', async () => {
    const c = clock();
    const timing: SourceTiming = { waitedMs: 0, count: 0 };
    for await (const v of timedSource(slowSource(c, []), timing, c.now)) expect.unreachable(String(v));
    expect(timing).toEqual({ waitedMs: 50, count: 0 });
  });

  it("closes the source when the consumer stops early (Ctrl+C), and passes the source's error on", async () => {
    let closed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    const timing: SourceTiming = { waitedMs: 0, count: 0 };
    for await (const v of timedSource(source(), timing)) if (v === 1) break;
    expect(closed).toBe(true);
    expect(timing.count).toBe(1);

    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('export download failed');
    }
    const read = async () => {
      for await (const v of timedSource(failing(), { waitedMs: 0, count: 0 })) void v;
    };
    await expect(read()).rejects.toThrow('export download failed');
  });
});
