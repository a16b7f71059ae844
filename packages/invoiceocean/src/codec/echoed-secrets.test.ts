import { jsonCodec } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { maskingEchoedSecrets } from './echoed-secrets';
import { invoiceOceanXmlCodec } from './xml-codec';

describe('maskingEchoedSecrets: escapes, which let the transport skip walking an answer', () => {
  it("keeps the JSON codec's escapes", () => {
    expect(maskingEchoedSecrets(jsonCodec, ['secret_token'], '[REDACTED]').escapes).toBe(
      jsonCodec.escapes,
    );
  });

  it('in XML, counts entities and every dash/underscore spelling of a secret as escapes', () => {
    const { escapes } = maskingEchoedSecrets(invoiceOceanXmlCodec, ['sec_ret_tok'], 'REDACTED');
    expect(escapes?.test('<invoice><id>1</id><buyer-name>A</buyer-name></invoice>')).toBe(false);
    for (const text of [
      '<a>&amp;</a>',
      '{"a":"\\u0041"}',
      '<sec-ret-tok>x</sec-ret-tok>',
      '<a-sec-ret_tok>x</a-sec-ret_tok>',
      '<a>sec_ret-tok</a>',
    ])
      expect(escapes?.test(text)).toBe(true);
  });
});
