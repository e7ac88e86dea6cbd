import { defineConfig } from 'vitest/config';

// The test files Stryker runs against each mutant of src/ (src/cli/ excluded): the library's
// own tests, without the CLI, packaging, browser and documentation tests, which build or
// spawn processes and test no code that Stryker mutates, and without the property,
// differential and secrecy tests, whose thousands of cases made each mutant take seconds.
export default defineConfig({
  test: {
    setupFiles: ['test/matchers.ts'],
    include: [
      'test/attacks.test.ts',
      'test/backends.test.ts',
      'test/base64url-portable.test.ts',
      'test/base64url.test.ts',
      'test/conformance.test.ts',
      'test/jwt.test.ts',
      'test/keys.test.ts',
      'test/mutants/*.test.ts',
      'test/security.test.ts',
      'test/signer-verifier.test.ts',
      'test/time.test.ts',
    ],
    testTimeout: 60_000,
  },
});
