import { CodecError } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { invoiceOceanXmlCodec } from './xml-codec';

const CANARY = 'XmlCanaryTok3n0000';

/** The codec's failure: a CodecError whose message does not quote the answer. */
function decodeFailure(text: string): CodecError {
  let caught: unknown;
  try {
    invoiceOceanXmlCodec.decode(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CodecError);
  expect((caught as CodecError).message).not.toContain(CANARY);
  return caught as CodecError;
}

describe('the XML codec with hostile answers', () => {
  it('malformed JSON on the XML path is a CodecError, not a SyntaxError quoting the text', () => {
    decodeFailure(`{"api_token": "${CANARY}", "id": `);
  });

  it('JSON on the XML path passes the JSON guards (duplicate keys, nesting)', () => {
    decodeFailure(`{"id": 1, "id": 2, "note": "${CANARY}"}`);
    decodeFailure(`${'['.repeat(5000)}"${CANARY}"${']'.repeat(5000)}`);
  });

  it('well-formed JSON on the XML path is still read', () => {
    expect(invoiceOceanXmlCodec.decode('{"id": 7}')).toEqual({ id: 7 });
  });

  it.each([
    ['a tag named after the token, unclosed', `<invoice><${CANARY}>1</invoice>`],
    ['a closing tag named after the token', `<invoice><id>1</${CANARY}></invoice>`],
    ['nesting thousands deep', `${`<${CANARY}>`.repeat(5000)}x${`</${CANARY}>`.repeat(5000)}`],
    ['a __proto__ tag', `<invoice><__proto__><${CANARY}>1</${CANARY}></__proto__></invoice>`],
  ])('%s is a CodecError that names no tag', (_label, xml) => {
    decodeFailure(xml);
  });
});
