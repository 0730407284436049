// Configuration errors of the fake SP, as values with a stable code and a fix hint (the `serve`
// command turns them into CLI usage errors).
export class FakeSpConfigError extends Error {
  override readonly name = 'FakeSpConfigError';
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}
