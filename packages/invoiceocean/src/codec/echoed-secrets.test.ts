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

  it('declares no escapes for XML: a text split by CDATA or a comment decodes whole', () => {
    const codec = maskingEchoedSecrets(invoiceOceanXmlCodec, ['sec_ret_tok'], 'REDACTED');
    expect(codec.escapes).toBeUndefined();
    // Why: the split secret is not in the text, but it is in what the text decodes to.
    const split = '<invoice><description>sec_ret<![CDATA[_tok]]></description></invoice>';
    expect(split.includes('sec_ret_tok')).toBe(false);
    expect(JSON.stringify(codec.decode(split))).toContain('sec_ret_tok');
  });
});
