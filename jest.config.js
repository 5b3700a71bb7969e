// Unit tests live beside the code (*.spec.ts); e2e tests drive the real app over HTTP against a real
// PostgreSQL (embedded unless DATABASE_URL is set), one fresh database per test file.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' } }];
const shared = {
  transform: { '^.+\\.(ts|js)$': swc },
  // ESM-only dependencies: Node 24 requires them natively, but jest's module registry only does so
  // under --experimental-vm-modules, so they are compiled to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|pg-boss|serialize-error|non-error|rrule-temporal|temporal-spec|openapi-typescript|parse-json|index-to-position|supports-color|change-case)/)'],
  moduleNameMapper: { '^@qoldau/(.*)$': '<rootDir>/libs/$1/index.ts' },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
    // The web app in Debian's Chromium: only with npm run test:web (.ci/run installs Chromium with apt),
    // so that npm test needs no browser on the machine.
    ...(process.env.QOLDAU_BROWSER_TESTS ? [{
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    }] : []),
    // Reliability and security (issue 20): concurrency, two replicas, database faults, fuzzing, attacks on
    // auth. Only with npm run test:reliability (minutes of load, own PostgreSQL for the fault tests).
    ...(process.env.QOLDAU_RELIABILITY_TESTS ? [{
      ...shared,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
      globalSetup: '<rootDir>/test/reliability/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/reliability/support/global-teardown.ts',
      slowTestThreshold: 120,
    }] : []),
  ],
  maxWorkers: 2,
  testTimeout: 60000,
};
