import { describe, expect, it } from 'vitest';
import { PasswordPool } from '../../../harness/run/password-pool.ts';
import { generatePassword } from '../../../harness/run/seed.ts';

/** A prepare function whose hashes finish only when the test says so. */
function controlledPrepare(): { prepare: (password: string) => Promise<void>; started: string[]; finish(password: string, error?: Error): void } {
  const pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const started: string[] = [];
  return {
    started,
    prepare: (password) =>
      new Promise<void>((resolve, reject) => {
        started.push(password);
        pending.set(password, { resolve, reject });
      }),
    finish: (password, error) => {
      const entry = pending.get(password);
      if (!entry) throw new Error(`no preparation started for ${password}`);
      if (error) entry.reject(error);
      else entry.resolve();
    },
  };
}

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('PasswordPool', () => {
  it('starts hashing a password before anyone asks, and the next one as soon as it is taken', () => {
    const { prepare, started } = controlledPrepare();
    const pool = new PasswordPool(prepare);
    expect(started).toHaveLength(1);
    const first = pool.take();
    expect(first.password).toBe(started[0]);
    expect(started).toHaveLength(2);
    const second = pool.take();
    expect(second.password).toBe(started[1]);
    expect(started).toHaveLength(3);
  });

  it('hands out each password once, all different, as generated passwords', () => {
    const pool = new PasswordPool(async () => undefined);
    const taken = Array.from({ length: 20 }, () => pool.take().password);
    expect(new Set(taken).size).toBe(20);
    const shape = generatePassword();
    for (const password of taken) expect(password).toMatch(new RegExp(`^Pw-[\\w-]{${shape.length - 5}}1!$`));
  });

  it('a taken password is ready only once its hash is', async () => {
    const { prepare, finish } = controlledPrepare();
    const pool = new PasswordPool(prepare);
    const taken = pool.take();
    expect(await settled(taken.ready)).toBe(false);
    finish(taken.password);
    await expect(taken.ready).resolves.toBeUndefined();
  });

  it('reports a failed hash to whoever takes that password, and goes on with new ones', async () => {
    const { prepare, finish, started } = controlledPrepare();
    const pool = new PasswordPool(prepare);
    finish(started[0] as string, new Error('out of memory'));
    const failed = pool.take();
    await expect(failed.ready).rejects.toThrow('out of memory');
    const next = pool.take();
    expect(next.password).not.toBe(failed.password);
    finish(next.password);
    await expect(next.ready).resolves.toBeUndefined();
  });
});
