// Jest in ESM mode (run with NODE_OPTIONS=--experimental-vm-modules): no transform, native import.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.mjs'],
  transform: {},
  setupFilesAfterEnv: ['perfspec/jest/setup'],
  reporters: ['default', 'perfspec/jest/reporter'],
}
