// Each scenario seeds a new user with a freshly generated password, and the emulator stores it as a
// scrypt hash (the bench's machine reference: one scrypt, BENCHMARKS.md), which sat on every login's critical path.
// The pool generates the next password and has its hash prepared while the current login runs, so
// a scenario usually finds its hash ready. Passwords stay random and single-use.
import { generatePassword } from './seed.ts';

export interface PreparedPassword {
  password: string;
  /** Settles when the emulator holds the password's hash (rejects if hashing failed). */
  ready: Promise<void>;
}

export class PasswordPool {
  private next: PreparedPassword;

  /** `prepare` hashes a password ahead of the user that will get it (Tenant.preparePassword). */
  constructor(
    private readonly prepare: (password: string) => Promise<void>,
    private readonly generate: () => string = generatePassword,
  ) {
    this.next = this.start();
  }

  /** A generated password never handed out before; the one after it starts hashing now. */
  take(): PreparedPassword {
    const taken = this.next;
    this.next = this.start();
    return taken;
  }

  private start(): PreparedPassword {
    const password = this.generate();
    const ready = this.prepare(password);
    ready.catch(() => undefined); // reported to whoever takes this password
    return { password, ready };
  }
}
