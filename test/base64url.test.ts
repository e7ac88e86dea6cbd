import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decodeBase64url, decodeBase64urlText, decodeUtf8, encodeBase64url, encodeBase64urlText, encodeUtf8 } from '../src/base64url.ts';
import { JwtError } from '../src/errors.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Runs `run` and returns what it threw, failing the test when it returns normally. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  expect.fail('expected an error, but the call returned');
}

function expectMalformed(input: string): void {
  const error = thrownBy(() => decodeBase64url(input, 'test input'));
  expect(error, JSON.stringify(input)).toBeJwtError('ERR_JWT_MALFORMED');
}

function expectMalformedText(bytes: number[]): void {
  const error = thrownBy(() => decodeBase64urlText(encodeBase64url(Uint8Array.from(bytes)), 'test input'));
  expect(error, bytes.join(',')).toBeJwtError('ERR_JWT_MALFORMED');
}

/** Node's own base64url, an independent encoder to compare against. */
function nodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

describe('encodeBase64url and decodeBase64url', () => {
  test('round trip lengths 0 to 70', () => {
    for (let length = 0; length <= 70; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const encoded = encodeBase64url(bytes);

      expect(encoded, `length ${length}`).toBe(nodeBase64url(bytes));
      expect(encoded.length, `length ${length}`).toBe(Math.ceil((length * 4) / 3));
      expect(decodeBase64url(encoded, 'test input'), `length ${length}`).toEqual(bytes);
    }
  });

  test('round trip random byte strings', () => {
    for (let run = 0; run < 300; run++) {
      const bytes = new Uint8Array(randomBytes(randomBytes(2).readUInt16BE() % 2048));
      const encoded = encodeBase64url(bytes);

      expect(encoded).toBe(nodeBase64url(bytes));
      expect(decodeBase64url(encoded, 'test input')).toEqual(bytes);
    }
  });

  test('round trip every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const encoded = encodeBase64url(bytes);

    expect(encoded).toBe(nodeBase64url(bytes));
    expect(decodeBase64url(encoded, 'test input')).toEqual(bytes);
  });

  // RFC 4648 §10 test vectors, unpadded as base64url is in JWS.
  test.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j', (text, encoded) => {
    expect(encodeBase64url(encodeUtf8(text))).toBe(encoded);
    expect(encodeBase64urlText(text)).toBe(encoded);
    expect(decodeBase64url(encoded, 'test input')).toEqual(encodeUtf8(text));
  });

  test('uses - and _ for 62 and 63', () => {
    // 0xfb 0xff is "+/8=" in standard base64, and 0xfb 0xef 0xbe is four sextets of 62.
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xef, 0xbe))).toBe('----');
    expect(encodeBase64url(Uint8Array.of(0xff, 0xff, 0xff))).toBe('____');
    expect(decodeBase64url('-_8', 'test input')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(decodeBase64url('____', 'test input')).toEqual(Uint8Array.of(0xff, 0xff, 0xff));
  });
});

describe('decodeBase64url rejections', () => {
  test('rejects padding', () => {
    for (const input of ['Zg==', 'Zm8=', 'Zg=', 'Zm9v====', '====', 'Z=g=']) expectMalformed(input);
  });

  test('rejects whitespace anywhere', () => {
    // "Zm9vYmE" has 7 characters, so one inserted character gives a valid length of 8
    // and only the character itself can cause the rejection.
    const base = 'Zm9vYmE';
    for (const space of [' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff']) {
      for (let position = 0; position <= base.length; position++) {
        expectMalformed(base.slice(0, position) + space + base.slice(position));
      }
    }
  });

  test('rejects standard alphabet + and /', () => {
    expectMalformed('+_8');
    expectMalformed('-/8');
    expectMalformed('+/8');
    expectMalformed('++++');
    expectMalformed('////');
  });

  test('rejects other ASCII characters', () => {
    for (const character of ['.', '!', '*', '~', '$', '%', '\\', '"', '\0', '\u007f', '@', '[', '`', '{']) {
      expectMalformed(`Zm9${character}`);
    }
  });

  test('rejects characters outside ASCII', () => {
    for (const character of ['\u0080', 'é', '\u00ff', '\u0100', 'Ａ', '\u{1F600}', '\ud800']) {
      // Each input is 4 UTF-16 code units long, so only the character can cause the rejection.
      expectMalformed(`${character}AAA`.slice(0, 4));
      expectMalformed(`AAA${character}`.slice(-4));
      expectMalformed(`Zm9vY${character}`.slice(0, 8).padEnd(8, 'A'));
    }
  });

  test('rejects length 1 mod 4', () => {
    for (const input of ['A', 'Q', 'AAAAA', 'Zm9vY', 'Zm9vYmFyZ']) expectMalformed(input);
  });

  test('rejects non-zero unused bits', () => {
    expectMalformed('QR');
    expectMalformed('QUF');
    expect(decodeBase64url('QQ', 'test input')).toEqual(Uint8Array.of(0x41));
    expect(decodeBase64url('QUE', 'test input')).toEqual(Uint8Array.of(0x41, 0x41));
  });

  test('accepts only canonical last characters', () => {
    // Two trailing characters carry one byte, so the last one has 4 unused bits.
    // Three trailing characters carry two bytes, so the last one has 2 unused bits.
    for (let index = 0; index < 64; index++) {
      const last = ALPHABET.charAt(index);
      for (const [prefix, unusedBits] of [['Q', 4], ['QU', 2], ['Zm9vQ', 4], ['Zm9vQU', 2]] as const) {
        const input = prefix + last;
        if (index % (1 << unusedBits) === 0) {
          expect(encodeBase64url(decodeBase64url(input, 'test input')), input).toBe(input);
        } else {
          expectMalformed(input);
        }
      }
    }
  });
});

describe('decodeBase64urlText', () => {
  test('decodes multilingual UTF-8', () => {
    const text = 'héllo wörld ✓ 日本語 \u{1F600}';
    expect(decodeBase64urlText(encodeBase64urlText(text), 'test input')).toBe(text);
  });

  test('rejects lone continuation byte', () => {
    expectMalformedText([0x80]);
    expectMalformedText([0x41, 0xbf, 0x41]);
  });

  test('rejects overlong encodings', () => {
    expectMalformedText([0xc0, 0x80]);
    expectMalformedText([0xc1, 0xbf]);
    expectMalformedText([0xe0, 0x80, 0xaf]);
    expectMalformedText([0xf0, 0x80, 0x80, 0xaf]);
  });

  test('rejects CESU-8 encoded surrogates', () => {
    expectMalformedText([0xed, 0xa0, 0x80]);
    expectMalformedText([0xed, 0xbf, 0xbf]);
    expectMalformedText([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]);
  });

  test('rejects truncated and invalid bytes', () => {
    expectMalformedText([0xe2, 0x82]);
    expectMalformedText([0xf0, 0x9f, 0x98]);
    expectMalformedText([0xff]);
    expectMalformedText([0xf4, 0x90, 0x80, 0x80]);
  });

  test('keeps a leading BOM', () => {
    const decoded = decodeBase64urlText(encodeBase64url(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), 'test input');
    expect(decoded).toBe('\ufeff{}');
    expect(decoded.length).toBe(3);
  });

  test('rejects invalid base64url first', () => {
    const error = thrownBy(() => decodeBase64urlText('e30=', 'test input'));
    expect(error).toBeInstanceOf(JwtError);
    expect((error as JwtError).code).toBe('ERR_JWT_MALFORMED');
  });
});

describe('encodeUtf8 and decodeUtf8', () => {
  test('round trip with BOM kept', () => {
    const text = '\ufeffa\u0000b\u{10ffff}';
    const bytes = encodeUtf8(text);
    expect(bytes).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
    expect(decodeUtf8(bytes, 'test input')).toBe(text);
  });

  test('encodes lone surrogate as U+FFFD', () => {
    expect(encodeUtf8('\ud800')).toEqual(Uint8Array.of(0xef, 0xbf, 0xbd));
  });
});
