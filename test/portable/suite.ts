/**
 * The portable suite: RFC vectors, the security rules and a round trip of every algorithm,
 * written once against the public API. Each runtime's entry file passes in the build it tests
 * and hands the registered cases to its own runner. Every case is registered once per crypto
 * backend, with the backend in its name; a backend this runtime lacks, or a WebCrypto feature
 * a case needs, turns the case into a skipped one whose name says why, so every runtime
 * registers the same number of cases.
 */

import type * as JwtkitModule from '../../src/index.ts';
import { defineConformanceCases } from './conformance.ts';
import { type Jwtkit, KeyCache, detectFeatures, missingFeature } from './context.ts';
import { type PortableSuite, type TestBody, assert, assertEqual } from './harness.ts';
import { defineRoundTripCases } from './roundtrip.ts';
import { defineSecurityCases } from './security.ts';

/** Every backend name the library defines; a runtime registers cases for each, skipped where it is unavailable. */
export const KNOWN_BACKENDS = ['webcrypto', 'node'] as const satisfies readonly JwtkitModule.CryptoBackendName[];

/** Registers every portable case for `lib` on `suite`. */
export async function definePortableSuite(lib: Jwtkit, suite: PortableSuite): Promise<void> {
  const features = await detectFeatures();
  const keys = new KeyCache(lib);
  const available = lib.availableCryptoBackends();
  const initial = lib.getCryptoBackend();

  suite.test('crypto backends are all known', () => {
    for (const name of available) {
      assert((KNOWN_BACKENDS as readonly string[]).includes(name), `backend "${name}" is missing from KNOWN_BACKENDS in test/portable/suite.ts`);
    }
    assert(available.includes('webcrypto'), 'the webcrypto backend is available');
    assertEqual(available.includes(initial), true, `the active backend "${initial}" is one of the available ones`);
  });

  for (const backend of KNOWN_BACKENDS) {
    const unavailable = available.includes(backend) ? undefined : `crypto backend "${backend}" is not available in this runtime`;
    const add = (name: string, run: TestBody, skipReason?: string): void => {
      suite.testUnless(unavailable ?? skipReason, `[${backend}] ${name}`, async () => {
        lib.setCryptoBackend(backend);
        try {
          await run();
        } finally {
          lib.setCryptoBackend(initial);
        }
      });
    };
    const context = { lib, features, keys, add, missingFeatureFor: (alg: JwtkitModule.Algorithm) => missingFeature(features, alg) };
    defineConformanceCases(context);
    defineSecurityCases(context);
    defineRoundTripCases(context);
  }
}
