// Errors cross the worker boundary as {name, message}; the host turns the ones it answers
// differently (a 400, a 404) back into their classes, so `instanceof` keeps working in the hosts.
import { InvalidRequestError } from '../contract-validation';
import { NotFoundError } from '../not-found-error';
import { SourceFailureError } from '../sources/source-error';
import { TraceNotFoundError } from '../trace-files/trace-files';
import type { SerializedError } from './core-worker-protocol';

const knownErrors: Record<string, new (message: string) => Error> = {
  InvalidRequestError,
  NotFoundError,
  SourceFailureError,
  TraceNotFoundError,
};

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function deserializeError({ name, message }: SerializedError): Error {
  const Known = knownErrors[name];
  if (Known) return new Known(message);
  const error = new Error(message);
  error.name = name;
  return error;
}
