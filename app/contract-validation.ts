// Requests arrive from a renderer or an HTTP client: check their shape before the core sees them.
import type { CommandName, CommandRequest } from './contract';
import { readOperationKey, readTraceQuery } from './search/trace-query';

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

const fail = (message: string): never => {
  throw new InvalidRequestError(message);
};

type Validator<C extends CommandName> = (input: Record<string, unknown>) => CommandRequest<C>;

function optionalBoolean(input: Record<string, unknown>, key: string): boolean {
  const value = input[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidRequestError(`"${key}" must be true or false`);
  return value;
}

const validators: { [C in CommandName]: Validator<C> } = {
  placeOrder: (input) => ({
    paymentDeclined: optionalBoolean(input, 'paymentDeclined'),
    emailServerDown: optionalBoolean(input, 'emailServerDown'),
    slowDatabase: optionalBoolean(input, 'slowDatabase'),
  }),
  listTraces: (input) => {
    const { limit } = input;
    const query = readTraceQuery(input.query, fail);
    if (limit === undefined) return query ? { query } : {};
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new InvalidRequestError('"limit" must be a whole number of 0 or more');
    }
    return query ? { limit, query } : { limit };
  },
  getLatencyByOperation: (input) => {
    const { binCount } = input;
    if (
      binCount !== undefined &&
      (typeof binCount !== 'number' ||
        !Number.isInteger(binCount) ||
        binCount < 1 ||
        binCount > 1000)
    ) {
      throw new InvalidRequestError('"binCount" must be a whole number from 1 to 1000');
    }
    const query = readTraceQuery(input.query, fail);
    const histogramOf = readOperationKey(input.histogramOf, 'histogramOf', fail);
    return {
      ...(query && { query }),
      ...(histogramOf && { histogramOf }),
      ...(binCount !== undefined && { binCount }),
    };
  },
  getTrace: (input) => {
    const { traceId } = input;
    if (typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId)) {
      throw new InvalidRequestError('"traceId" must be 32 lowercase hex digits');
    }
    return { traceId };
  },
};

/** Returns the request as the command expects it, or throws InvalidRequestError saying what is wrong. */
export function validateRequest<C extends CommandName>(
  command: C,
  input: unknown,
): CommandRequest<C> {
  const body = input ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError(`the request for ${command} must be a JSON object`);
  }
  return validators[command](body as Record<string, unknown>);
}
