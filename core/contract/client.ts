import { z } from 'zod';
import { ApiError, apiErrorSchema } from './errors';
import type { Contract, MethodName } from './index';
import type { InputOf, OutputOf } from './method';

/** What every transport returns for a call: the result, or a structured error. */
export const responseEnvelope = z.union([z.object({ ok: z.literal(true), result: z.unknown() }), z.object({ ok: z.literal(false), error: apiErrorSchema })]);
export type ResponseEnvelope = z.infer<typeof responseEnvelope>;

/** A transport only moves `(method, input)` and brings back an envelope; it knows nothing of the methods. */
export type Transport = (method: MethodName, input: unknown) => Promise<unknown>;

export type Client = {
  [N in keyof Contract]: {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends Input` asks whether every field is optional
    [M in keyof Contract[N]]: {} extends InputOf<Contract[N][M]>
      ? (input?: InputOf<Contract[N][M]>) => Promise<OutputOf<Contract[N][M]>>
      : (input: InputOf<Contract[N][M]>) => Promise<OutputOf<Contract[N][M]>>;
  };
};

/**
 * The renderer's typed API (`api.auth.login({...})`). Failures are thrown as ApiError with the
 * translatable key, so screens show `error.messageKey` and each field's key beside its input.
 */
export function createClient(transport: Transport): Client {
  return new Proxy({} as Client, {
    get(_t, ns) {
      if (typeof ns !== 'string') return undefined;
      return new Proxy(
        {},
        {
          get(_t2, m) {
            if (typeof m !== 'string') return undefined;
            return async (input: unknown = {}) => {
              const raw = await transport(`${ns}.${m}` as MethodName, input);
              const env = responseEnvelope.safeParse(raw);
              if (!env.success) throw new ApiError({ code: 'malformed', messageKey: 'error.transport' });
              if (!env.data.ok) throw new ApiError(env.data.error);
              return env.data.result;
            };
          },
        },
      );
    },
  });
}
