import type { ProviderWriteResult } from '@invoicekit/core';

/** A write result with the vendor's request id, when it sent one. */
export function withRequestId<T>(
  result: ProviderWriteResult<T>,
  requestId: string | undefined,
): ProviderWriteResult<T> {
  return requestId ? { ...result, requestId } : result;
}
