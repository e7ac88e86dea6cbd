/**
 * The small part of DER (ITU-T X.690) that key import needs: reading tag-length-value
 * elements, recognising key algorithm identifiers (RFC 5480, RFC 8410, RFC 8017), and
 * wrapping PKCS #1 and SEC 1 keys in the SubjectPublicKeyInfo and PKCS #8 forms WebCrypto takes.
 */

import type { CurveName } from '../algorithms.ts';
import { JwtError } from '../errors.ts';

/** One DER element: its tag, where it begins, and where its contents start and end in the input. */
export interface DerElement {
  readonly tag: number;
  readonly offset: number;
  readonly start: number;
  readonly end: number;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OBJECT_IDENTIFIER = 0x06;
const NULL = 0x05;

/** Object identifiers in DER content form, as dotted strings for readability. */
const OIDS: Readonly<Record<string, string>> = {
  '2a864886f70d010101': 'rsaEncryption',
  '2a864886f70d01010a': 'RSASSA-PSS',
  '2a8648ce3d0201': 'ecPublicKey',
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
  '2b6570': 'Ed25519',
};

const RSA_ENCRYPTION_OID = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const EC_PUBLIC_KEY_OID = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/** Reads the element at `offset`, checking that it ends inside `limit` and that its length is DER. */
export function readElement(der: Uint8Array, offset: number, limit = der.length): DerElement {
  if (offset + 2 > limit) throw invalidDer();
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let start = offset + 2;

  if (length & 0x80) {
    const count = length & 0x7f;
    if (count > 4 || start + count > limit) throw invalidDer();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    // DER encodes a length in the fewest octets: the short form below 128 and no leading zeros.
    // WebCrypto in Node 20 also takes the longer BER forms, so they are rejected here. The
    // indefinite form 0x80 has no length octets, so its length stays 0 and is rejected too.
    if (length < 0x80 || der[start] === 0) throw invalidDer();
    start += count;
  }

  const end = start + length;
  if (end > limit) throw invalidDer();
  return { tag, offset, start, end };
}

/** Reads the elements directly inside a constructed element. */
export function readChildren(der: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = readElement(der, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Returns the name of a known object identifier, or undefined. */
export function oidName(der: Uint8Array, element: DerElement | undefined): string | undefined {
  if (element?.tag !== OBJECT_IDENTIFIER) return undefined;
  let hex = '';
  for (let i = element.start; i < element.end; i++) hex += (der[i] as number).toString(16).padStart(2, '0');
  return OIDS[hex];
}

/**
 * Returns the key type an AlgorithmIdentifier names: `rsaEncryption`, `RSASSA-PSS`, `Ed25519`,
 * or for an EC key its curve `P-256`, `P-384` or `P-521`. Returns undefined for anything else,
 * including an ecPublicKey whose parameters name Ed25519 instead of a curve.
 */
export function keyAlgorithmOf(der: Uint8Array, algorithmIdentifier: DerElement): string | undefined {
  const [oid, parameters] = readChildren(der, algorithmIdentifier);
  const name = oidName(der, oid);
  if (name !== 'ecPublicKey') return name;

  const curve = oidName(der, parameters);
  return curve === 'P-256' || curve === 'P-384' || curve === 'P-521' ? curve : undefined;
}

/** Returns the whole element, tag and length included, as a new array. */
export function elementBytes(der: Uint8Array, element: DerElement): Uint8Array {
  return der.slice(element.offset, element.end);
}

/** Wraps a PKCS #1 RSAPublicKey (RFC 8017 §A.1.1) in a SubjectPublicKeyInfo (RFC 5280 §4.1). */
export function rsaPublicKeyToSpki(pkcs1: Uint8Array): Uint8Array {
  checkSingleSequence(pkcs1);
  return tlv(SEQUENCE, rsaAlgorithmIdentifier(), tlv(BIT_STRING, [0], pkcs1));
}

/** Wraps a PKCS #1 RSAPrivateKey (RFC 8017 §A.1.2) in a PKCS #8 PrivateKeyInfo (RFC 5208 §5). */
export function rsaPrivateKeyToPkcs8(pkcs1: Uint8Array): Uint8Array {
  checkSingleSequence(pkcs1);
  return tlv(SEQUENCE, tlv(INTEGER, [0]), rsaAlgorithmIdentifier(), tlv(OCTET_STRING, pkcs1));
}

/**
 * Wraps a SEC 1 ECPrivateKey (RFC 5915 §3) in a PKCS #8 PrivateKeyInfo. The curve comes from
 * the key's own parameters when present, otherwise from `fallbackCurve`.
 */
export function ecPrivateKeyToPkcs8(sec1: Uint8Array, fallbackCurve: CurveName | undefined): Uint8Array {
  const outer = checkSingleSequence(sec1);

  let curveOid: Uint8Array | undefined;
  for (const child of readChildren(sec1, outer)) {
    if (child.tag !== 0xa0) continue; // [0] ECParameters holds the curve's namedCurve OID
    const inner = readElement(sec1, child.start, child.end);
    curveOid = sec1.slice(inner.start, inner.end);
  }

  const curveBytes = curveOid ?? curveOidBytes(fallbackCurve);
  const algorithmIdentifier = tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, EC_PUBLIC_KEY_OID), tlv(OBJECT_IDENTIFIER, curveBytes));
  return tlv(SEQUENCE, tlv(INTEGER, [0]), algorithmIdentifier, tlv(OCTET_STRING, sec1));
}

/** Checks that `der` is exactly one SEQUENCE, with nothing after it, and returns it. */
function checkSingleSequence(der: Uint8Array): DerElement {
  const outer = readElement(der, 0);
  if (outer.tag !== SEQUENCE || outer.end !== der.length) throw invalidDer();
  return outer;
}

function curveOidBytes(curve: CurveName | undefined): Uint8Array {
  for (const [oidHex, name] of Object.entries(OIDS)) {
    if (name === curve) return Uint8Array.from(oidHex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
  }
  throw new JwtError('ERR_JWT_KEY_INVALID', 'the EC private key does not name its curve');
}

function rsaAlgorithmIdentifier(): Uint8Array {
  return tlv(SEQUENCE, tlv(OBJECT_IDENTIFIER, RSA_ENCRYPTION_OID), tlv(NULL));
}

/** Encodes one DER element from its tag and the concatenation of `parts`. */
function tlv(tag: number, ...parts: (Uint8Array | number[])[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;

  const header = [tag];
  if (length < 0x80) {
    header.push(length);
  } else {
    const lengthBytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest & 0xff);
    header.push(0x80 | lengthBytes.length, ...lengthBytes);
  }

  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function invalidDer(): JwtError {
  return new JwtError('ERR_JWT_KEY_INVALID', 'key is not valid DER');
}

export { SEQUENCE };
