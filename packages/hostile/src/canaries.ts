/**
 * Credentials no output may ever contain. Each is unique enough that finding it (or its
 * Base64 or URL-encoded form) anywhere in a child's output is proof of a leak.
 */
export const CANARY = Object.freeze({
  invoiceOceanToken: 'hostileIoToken3f9a1c7e5d',
  plandocketKey: 'hostile-pd-key-8b2e4d6f1a',
  methodStyleEmail: 'hostile-owner@example.test',
  methodStyleKey: 'hostile-ms-key-5c1a9e3b7f',
  userinfoPassword: 'hostile-userinfo-pw-2d4f6a',
});

/** Every form a canary could leak in: as is, URL-encoded, Base64 (alone and as a Basic pair). */
export function canaryForms(): string[] {
  const pair = `${CANARY.methodStyleEmail}:${CANARY.methodStyleKey}`;
  const secrets = [
    CANARY.invoiceOceanToken,
    CANARY.plandocketKey,
    CANARY.methodStyleKey,
    CANARY.userinfoPassword,
    pair,
  ];
  return [
    ...new Set(
      secrets.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
      ]),
    ),
  ];
}

/** The canary forms found in a text. */
export function leakedCanaries(text: string): string[] {
  return canaryForms().filter((form) => text.includes(form));
}
