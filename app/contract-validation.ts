// Requests arrive from a renderer or an HTTP client: check their shape before the core sees them.
import type { CommandName, CommandRequest } from './contract';

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

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
    if (limit === undefined) return {};
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new InvalidRequestError('"limit" must be a whole number of 0 or more');
    }
    return { limit };
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
