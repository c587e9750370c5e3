/** Unit tests beside the code; end-to-end, fault and security suites under test/, all against the real services. */
const shared = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: { ignoreCodes: [151002] } }],
  },
  testEnvironment: 'node',
};

module.exports = {
  // A Redis client of a test that stopped its scratch Redis can keep a reconnect timer alive after
  // the suites end; the run must still end (the services themselves exit through their shutdown hooks).
  forceExit: true,
  // Suites start real services and wait on real time; a slow shared CI machine must not fail them.
  testTimeout: 30_000,
  // Suites run one after another in one worker process (npm test: --maxWorkers=1). Each suite loads
  // the whole service again (ES modules through require(esm) in jest's VM), which the worker keeps;
  // a worker past this size after a suite is replaced, so a long run cannot exhaust the heap.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // ui: the web UI in real Chromium (playwright-core, Debian's chromium) against the real API and database.
    ...['e2e', 'security', 'faults', 'scale', 'ui'].map((suite) => ({
      ...shared,
      displayName: suite,
      testMatch: [`<rootDir>/test/${suite}/**/*.e2e-spec.ts`],
      setupFiles: ['<rootDir>/test/helpers/env.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
    })),
  ],
};
