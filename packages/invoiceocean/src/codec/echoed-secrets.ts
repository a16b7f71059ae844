import type { Codec } from '@invoicekit/core';

/**
 * The forms a credential takes in an answer that echoes it: as sent, URL-encoded (both ways)
 * and Base64 — the forms a leak check looks for.
 */
function formsOf(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams([['', secret]]).toString().slice(1),
    Buffer.from(secret, 'utf8').toString('base64'),
  ];
}

/**
 * The codec's `escapes`, which lets the transport skip walking an answer whose text holds no
 * secret. The JSON codec's pass as they are. XML declares none: its reader joins the pieces of a
 * text split by CDATA, a comment, a processing instruction or a child element, and rewrites
 * names (`-` → `_`), so a decoded value can hold a secret its text never spells whole — every XML
 * answer is walked.
 */
function escapesOf(codec: Codec): { escapes?: RegExp } {
  return codec.name === 'json' && codec.escapes ? { escapes: codec.escapes } : {};
}

/**
 * A codec that masks the adapter's credentials in an answer's text before decoding it. Some
 * vendor versions echo the request back, and a credential can arrive as a field's *name* (a JSON
 * key, an XML tag) as well as a value; the transport masks values after decoding, but a name
 * survives that, and the XML codec even rewrites it (`-` → `_`) so that it is no longer
 * recognisable. Masked before parsing, it never reaches a record, a `raw` field or an error.
 *
 * `placeholder` must be valid wherever a secret can stand in the format: `REDACTED` is a valid
 * XML name and text; in JSON the secret can only stand inside a string.
 *
 * Core's redaction masks keys as well as values after decoding; this step stays because the
 * Rails XML codec rewrites names while decoding, after which a dashed token is no longer found.
 */
export function maskingEchoedSecrets(
  codec: Codec,
  secrets: readonly (string | undefined)[],
  placeholder: string,
): Codec {
  const forms = [
    ...new Set(
      secrets
        .filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4)
        .flatMap(formsOf),
    ),
  ]
    // Longest first, so `TOKEN/prefix` is masked whole rather than leaving `/prefix`.
    .sort((a, b) => b.length - a.length);
  return {
    name: codec.name,
    contentType: codec.contentType,
    accept: codec.accept,
    ...escapesOf(codec),
    encode: (body) => codec.encode(body),
    decode: (text) => {
      let masked = text;
      for (const form of forms)
        if (masked.includes(form)) masked = masked.split(form).join(placeholder);
      return codec.decode(masked);
    },
  };
}
