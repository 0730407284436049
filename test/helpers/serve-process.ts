// Starts `flex-sso serve … --json` as a child process and waits for its ready line.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/flex-sso.js', import.meta.url));

export interface ServeProcess {
  ready: Record<string, Record<string, unknown>>;
  child: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startServeProcess(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, cwd?: string): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args, '--json'], {
      ...(cwd === undefined ? {} : { cwd }),
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not become ready: ${err}`));
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        try {
          resolve({
            ready: JSON.parse(line) as ServeProcess['ready'],
            child,
            stop: () => {
              child.kill('SIGTERM');
              return exited;
            },
          });
        } catch (error) {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!out.includes('\n')) reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
}
