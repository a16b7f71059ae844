import { UnsupportedOperationError } from '../errors/errors';

/** The list of an operation whose capability is `false`: its first `next()` rejects with
 * {@link UnsupportedOperationError}, and nothing is sent. */
export function unsupportedListOperation(
  provider: string,
  operation: string,
): () => AsyncIterable<never> {
  return () => ({
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.reject(new UnsupportedOperationError({ provider, operation })),
      };
    },
  });
}
