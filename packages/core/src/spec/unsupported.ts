import { UnsupportedOperationError } from '../errors/errors';

/**
 * The implementation of an operation whose capability is `false`: it rejects with
 * {@link UnsupportedOperationError} and never touches the network.
 */
export function unsupportedOperation(
  provider: string,
  operation: string,
): (...args: unknown[]) => Promise<never> {
  return () => Promise.reject(new UnsupportedOperationError({ provider, operation }));
}

/** Like {@link unsupportedOperation} for operations that return an async iterable. */
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
