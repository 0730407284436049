// Runs every user through the baseline and the candidate chain on one pool of Action workers:
// users are pulled from the stream only as workers free up (a bounded window), so a 100,000-user
// file costs the memory of the window plus the users whose result changed.
import { ActionRunner, type ActionToRun } from '../../fake-idp/actions/runner.ts';
import { toUserLike, UserInputError } from '../action-test/users.ts';
import { compareResults } from './compare.ts';
import { LoginEvaluator, type LoginTarget } from './evaluate.ts';
import { ImpactTally } from './summary.ts';
import type { LoginResult, UserImpact } from './types.ts';
import type { UserRecord } from './user-records.ts';

export interface ImpactRunOptions {
  baseline: ActionToRun[] | null;
  candidate: ActionToRun[];
  users: AsyncIterable<UserRecord>;
  target: LoginTarget;
  now: Date;
  /** Worker threads (default 2). */
  concurrency: number;
  timeoutMs?: number;
  dependenciesDir?: string;
  /** Aborting stops reading users and terminates the workers; the tally then holds the users finished. */
  signal?: AbortSignal;
  onUser?: (checked: number) => void;
}

export interface ImpactRun {
  tally: ImpactTally;
  interrupted: boolean;
}

export async function runImpact(opts: ImpactRunOptions): Promise<ImpactRun> {
  const runner = new ActionRunner({
    poolSize: opts.concurrency,
    now: () => opts.now,
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.dependenciesDir ? { dependenciesDir: opts.dependenciesDir } : {}),
  });
  const evaluator = new LoginEvaluator(runner, opts.target, opts.now);
  const tally = new ImpactTally(opts.baseline !== null);
  const window = Math.max(2, opts.concurrency * 4);
  let active = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  // The loop sleeps until a user finishes or Ctrl+C: one callback, not a Promise.race over the users
  // in flight per user (that attached a reaction to every pending task, and to a never-settled abort
  // promise, for each of 10,000 users).
  let wake: (() => void) | undefined;
  const wakeUp = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const sleep = (): Promise<void> =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  let cancelRead: (() => void) | undefined;
  const onAbort = (): void => {
    stopped = true;
    cancelRead?.();
    wakeUp();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const done = (impact: UserImpact) => {
    if (stopped) return;
    tally.add(impact);
    opts.onUser?.(tally.usersChecked);
  };
  // A failure (never an Action's: those are results) stops the run below; no user is silently dropped.
  const settled = (): void => {
    active -= 1;
    wakeUp();
  };
  const failed = (error: unknown): void => {
    failure ??= { error };
    settled();
  };
  const running = () => !failure && opts.signal?.aborted !== true;
  try {
    const iterator = opts.users[Symbol.asyncIterator]();
    for (;;) {
      if (opts.signal?.aborted) break;
      // A tenant read can wait long (429 back-off): Ctrl+C must not wait for it.
      const next = await new Promise<IteratorResult<UserRecord> | undefined>((resolve, reject) => {
        cancelRead = () => resolve(undefined);
        iterator.next().then(resolve, reject);
      });
      cancelRead = undefined;
      if (next === undefined || next.done || opts.signal?.aborted) break;
      active += 1;
      checkUser(evaluator, opts, next.value).then(done).then(settled, failed);
      while (active >= window && running()) await sleep();
      if (failure) throw failure.error;
      if (opts.signal?.aborted) break;
    }
    while (active > 0 && running()) await sleep();
    if (failure) throw failure.error;
    if (opts.signal?.aborted) void iterator.return?.(undefined);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (opts.signal?.aborted) stopped = true;
    await runner.close();
  }
  return { tally, interrupted: opts.signal?.aborted === true };
}

async function checkUser(evaluator: LoginEvaluator, opts: ImpactRunOptions, record: UserRecord): Promise<UserImpact> {
  const data = record.data as Record<string, unknown>;
  const userId = typeof data.user_id === 'string' ? data.user_id : '';
  const email = typeof data.email === 'string' ? data.email : '';
  let user;
  try {
    user = toUserLike(data, `user ${userId || email || `at line ${record.line}`}`);
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    const after: LoginResult = { verdict: 'error', codes: ['USER_INVALID'], reason: error.message, attributes: {} };
    return compareResults({ email, userId }, null, after);
  }
  // One event and one stored profile for both chains: same user, same `now` (evaluate.ts).
  const login = evaluator.prepare(user);
  const [before, after] = await Promise.all([
    opts.baseline === null ? Promise.resolve(null) : evaluator.evaluate(opts.baseline, login),
    evaluator.evaluate(opts.candidate, login),
  ]);
  const meta = user.app_metadata ?? {};
  const flexMeta = (meta.flex ?? {}) as Record<string, unknown>;
  const pick = (r: LoginResult | null, name: string) => (r && typeof r.attributes[name] === 'string' ? (r.attributes[name] as string) : undefined);
  const team = pick(before, 'team') ?? pick(after, 'team') ?? (typeof flexMeta.team === 'string' ? flexMeta.team : undefined);
  const program = pick(before, 'program') ?? pick(after, 'program') ?? (typeof meta.program === 'string' ? meta.program : undefined);
  return compareResults({ email: user.email, userId: userId || user.user_id || '', ...(team ? { team } : {}), ...(program ? { program } : {}) }, before, after);
}
