// Jest 29 and 30: the setup a Jest user writes.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.test.cjs'],
  // Type errors are not what this suite tests: transpile only.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['perfspec/jest/setup'],
  reporters: ['default', ['perfspec/jest/reporter', { threshold: '20%' }]],
}
