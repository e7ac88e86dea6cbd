/**
 * The portable base64url and UTF-8 code that browsers and workers run. On Node the native
 * Buffer path is taken, so this file hides `Buffer` while the module loads again and
 * checks that both paths agree byte for byte and reject the same inputs.
 */

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import * as native from '../src/base64url.ts';
import { loadWithout } from './helpers.ts';

type Base64urlModule = typeof native;
let portable: Base64urlModule;
let portableNativeBytes: unknown;

beforeAll(async () => {
  [portable, portableNativeBytes] = await loadWithout(['Buffer'], async () => [
    await import('../src/base64url.ts'),
    (await import('../src/node-buffer.ts')).nativeBytes,
  ] as const);
});

afterAll(() => {
  vi.resetModules();
});

describe('portable base64url', () => {
  test('takes the portable path', () => {
    expect(portableNativeBytes).toBeUndefined();
    expect(portable).not.toBe(native);
  });

  test('agrees with the native path on random bytes', () => {
    for (let length = 0; length < 80; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const encoded = native.encodeBase64url(bytes);
      expect(portable.encodeBase64url(bytes)).toBe(encoded);
      expect(portable.decodeBase64url(encoded, 'x')).toEqual(bytes);
      expect(native.decodeBase64url(encoded, 'x')).toEqual(bytes);
    }
  });

  test('agrees on text with every UTF-8 length', () => {
    const text = 'ascii é ü € 東京 😀 \u0000 \u2028';
    expect(portable.encodeBase64urlText(text)).toBe(native.encodeBase64urlText(text));
    expect(portable.decodeBase64urlText(native.encodeBase64urlText(text), 'x')).toBe(text);
  });

  const rejected = ['QQ=', 'QQ==', 'Q Q', 'QQ\n', '+/8', 'QR', 'QUF', 'A', 'AAAAA', 'é', 'QQ%', 'Q.Q'];
  for (const input of rejected) {
    test(`both paths reject ${JSON.stringify(input)}`, () => {
      expect(() => portable.decodeBase64url(input, 'x')).toThrowJwtError('ERR_JWT_MALFORMED');
      expect(() => native.decodeBase64url(input, 'x')).toThrowJwtError('ERR_JWT_MALFORMED');
    });
  }

  test('both paths reject invalid UTF-8', () => {
    for (const bytes of [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xe2, 0x82]]) {
      const input = new Uint8Array(bytes);
      expect(() => portable.decodeUtf8(input, 'x')).toThrowJwtError('ERR_JWT_MALFORMED');
      expect(() => native.decodeUtf8(input, 'x')).toThrowJwtError('ERR_JWT_MALFORMED');
    }
  });

  test('both paths keep ASCII and non-ASCII text', () => {
    for (const text of ['{"sub":"user-1"}', '{"name":"Zoë"}', '']) {
      const bytes = native.encodeUtf8(text);
      expect(portable.decodeUtf8(bytes, 'x')).toBe(text);
      expect(native.decodeUtf8(bytes, 'x')).toBe(text);
    }
  });
});
