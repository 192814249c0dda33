import { defineConfig } from 'tsup'

// Every public entry point, built as ESM (.js) and CommonJS (.cjs) with type declarations.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'vitest/index': 'src/vitest/index.ts',
    'vitest/setup': 'src/vitest/setup.ts',
    'vitest/reporter': 'src/vitest/reporter.ts',
    'jest/setup': 'src/jest/setup.ts',
    'jest/reporter': 'src/jest/reporter.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  shims: true,
  target: 'node20',
  splitting: true,
  sourcemap: false,
  external: ['vitest', 'vitest/node', 'vitest/reporters', '@jest/reporters', 'jest'],
})
