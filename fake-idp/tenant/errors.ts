// Errors raised by the tenant model, shaped like the Auth0 Management API's error bodies so the
// HTTP layer can return them unchanged.

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface Auth0ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode: string;
}

export class TenantError extends Error {
  override readonly name = 'TenantError';
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    /** How to fix it; not part of Auth0's body, shown by the CLI and logs. */
    readonly hint?: string,
    /** Where a syntax error is, for Action code. */
    readonly location?: { line: number; column: number },
  ) {
    super(message);
  }

  toBody(): Auth0ErrorBody {
    return {
      statusCode: this.statusCode,
      error: STATUS_TEXT[this.statusCode] ?? 'Error',
      message: this.message,
      errorCode: this.errorCode,
    };
  }
}

export const badRequest = (errorCode: string, message: string, hint?: string): TenantError => new TenantError(400, errorCode, message, hint);
export const notFound = (errorCode: string, message: string, hint?: string): TenantError => new TenantError(404, errorCode, message, hint);
export const conflict = (errorCode: string, message: string, hint?: string): TenantError => new TenantError(409, errorCode, message, hint);
