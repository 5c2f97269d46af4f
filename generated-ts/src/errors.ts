// Typed errors, as in the Python client: every failure is thrown, an HTTP error status as the
// APIStatusError subclass for its status, carrying the status, the server's `error` message and body.

export class TurbopufferError extends Error {
  override name = 'TurbopufferError';
}

/** The request did not get an HTTP answer (connection refused, reset, DNS...). */
export class APIConnectionError extends TurbopufferError {
  override name = 'APIConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request (including its retries) took longer than the configured timeout. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
}

/** The server answered with an error status. `body` is the parsed JSON body when there is one. */
export class APIStatusError extends TurbopufferError {
  override name = 'APIStatusError';
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  constructor(status: number, message: string, body: unknown, headers: Headers) {
    super(`Error code: ${status} - ${message}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export class BadRequestError extends APIStatusError { override name = 'BadRequestError'; }
export class AuthenticationError extends APIStatusError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends APIStatusError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends APIStatusError { override name = 'NotFoundError'; }
export class ConflictError extends APIStatusError { override name = 'ConflictError'; }
export class PayloadTooLargeError extends APIStatusError { override name = 'PayloadTooLargeError'; }
export class UnprocessableEntityError extends APIStatusError { override name = 'UnprocessableEntityError'; }
export class RateLimitError extends APIStatusError { override name = 'RateLimitError'; }
export class InternalServerError extends APIStatusError { override name = 'InternalServerError'; }

const BY_STATUS: Record<number, typeof APIStatusError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function errorClassForStatus(status: number): typeof APIStatusError {
  if (status >= 500) return InternalServerError;
  return BY_STATUS[status] ?? APIStatusError;
}

/** Build the typed error for an error response; never throws on a malformed or non-JSON body. */
export async function statusError(response: Response): Promise<APIStatusError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  let message = text.slice(0, 500) || response.statusText || 'error';
  try {
    body = JSON.parse(text);
    if (body !== null && typeof body === 'object' && 'error' in body && typeof body.error === 'string') {
      message = body.error;
    }
  } catch {
    // not JSON: keep the text
  }
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(response.status, message, body, response.headers);
}
