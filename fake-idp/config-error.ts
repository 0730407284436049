// Start-up errors of the Auth0 emulator (a port in use, an unusable CA directory), as values with a
// stable code and a fix hint: the harness turns them into CLI usage errors.
export class FakeIdpConfigError extends Error {
  override readonly name = 'FakeIdpConfigError';
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
