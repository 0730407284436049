// What the fake SP and the Auth0 emulator refuse at start-up (or when the emulator saves its state)
// reaches the user as a CLI usage error with its code and fix, never as "unexpected error".
import { FakeIdpConfigError } from '../../fake-idp/config-error.ts';
import { TenantStateFileError } from '../../fake-idp/tenant/state-file.ts';
import { FakeSpConfigError } from '../../fake-sp/server/errors.ts';
import { usageError } from '../cli/errors.ts';

/** `error` as a usage error when it is one of the servers' configuration errors, else unchanged. */
export function serverError(error: unknown): unknown {
  if (error instanceof FakeSpConfigError || error instanceof FakeIdpConfigError || error instanceof TenantStateFileError) {
    return usageError(error.code, error.message, error.hint);
  }
  return error;
}
