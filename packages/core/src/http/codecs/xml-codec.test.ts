import { describe, expect, it } from 'vitest';
import { CodecError } from './codec';
import { jsonCodec } from './json-codec';
import { createXmlCodec } from './xml-codec';

describe('XML codec', () => {
  const codec = createXmlCodec({ arrayTags: ['position'] });

  it('keeps every value a string: money, leading zeros, exponents', () => {
    expect(
      codec.decode(
        '<i><total>0012.50</total><number>00042</number><tax>1e3</tax><flag>true</flag></i>',
      ),
    ).toEqual({
      i: { total: '0012.50', number: '00042', tax: '1e3', flag: 'true' },
    });
  });

  it('makes configured tags lists even with one child, and keeps attributes', () => {
    expect(
      codec.decode('<positions type="array"><position><name>A</name></position></positions>'),
    ).toEqual({
      positions: { '@_type': 'array', position: [{ name: 'A' }] },
    });
  });

  it('decodes the five XML entities and numeric character references', () => {
    expect(codec.decode('<n>M&#252;ller &amp; S&#xF6;hne &lt;GmbH&gt;</n>')).toEqual({
      n: 'Müller & Söhne <GmbH>',
    });
  });

  it('refuses DOCTYPEs: no external entities, no entity expansion', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    const laughs = '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>';
    expect(() => codec.decode(xxe)).toThrow(CodecError);
    expect(() => codec.decode(laughs)).toThrow(/DOCTYPE/);
  });

  it('rejects malformed XML and flags HTML pages', () => {
    expect(() => codec.decode('<a><b></a>')).toThrow(/malformed XML/);
    const html = (() => {
      try {
        codec.decode('<!DOCTYPE html><html><body>login</body></html>');
        return undefined;
      } catch (error) {
        return error as CodecError;
      }
    })();
    expect(html?.looksLikeHtml).toBe(true);
  });

  it('escapes on encode and round-trips strings exactly', () => {
    const encoded = codec.encode({ invoice: { buyer: 'Müller & Söhne <GmbH>', total: '0012.50' } });
    expect(encoded).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(codec.decode(encoded)).toEqual({
      invoice: { buyer: 'Müller & Söhne <GmbH>', total: '0012.50' },
    });
  });
});

describe('JSON codec', () => {
  it('decodes empty bodies to undefined and flags HTML', () => {
    expect(jsonCodec.decode('  ')).toBeUndefined();
    expect(() => jsonCodec.decode('<html><body>Sign in</body></html>')).toThrow(/HTML page/);
    expect(() => jsonCodec.decode('{"a":')).toThrow(/malformed/);
  });
});

describe('XML codec against hostile answers', () => {
  const codec = createXmlCodec();
  const SECRET = 'canarytag9f3e1a';

  it('deep nesting and reserved names are a CodecError, never a raw parser error', () => {
    for (const text of [
      `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`,
      '<r><__proto__><polluted>1</polluted></__proto__></r>',
      '<r><constructor>1</constructor></r>',
    ]) {
      expect(() => codec.decode(text)).toThrow(CodecError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('messages give the position, never a tag name or text from the answer', () => {
    for (const text of [
      `<r><${SECRET}>1</r>`,
      `{"api_token":"${SECRET}"}`,
      `<r>${SECRET}<`,
      `<r><__proto__>${SECRET}</__proto__></r>`,
    ]) {
      let message = '';
      try {
        codec.decode(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CodecError);
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(SECRET);
    }
  });
});
