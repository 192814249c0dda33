import { copyFileSync, mkdirSync } from 'node:fs'
import { defineConfig } from 'tsup'

const shared = {
  format: ['esm', 'cjs'] as Array<'esm' | 'cjs'>,
  shims: true,
  target: 'node20',
  sourcemap: false,
  // Keep `node:timers` as written: a test runner's module resolver can take a bare `timers`
  // for a file of the project (Vitest did), and perfspec needs the real timers under fake ones.
  removeNodeProtocol: false,
  external: ['vitest', 'vitest/node', 'vitest/reporters', '@jest/reporters', 'jest'],
}

// Packages bundled into dist rather than required at run time (tsup bundles devDependencies):
// `string-width` and what it imports are ES modules only, which a CommonJS `require` cannot load
// in Node before 20.19 nor inside Jest's module registry. Their MIT licences ship beside the code.
const BUNDLED = ['string-width', 'get-east-asian-width', 'strip-ansi', 'ansi-regex']
async function copyBundledLicences(): Promise<void> {
  mkdirSync('dist/licenses', { recursive: true })
  for (const name of BUNDLED) copyFileSync(`node_modules/${name}/license`, `dist/licenses/${name}.txt`)
}

// Every public entry point, built as ESM (.js) and CommonJS (.cjs) with type declarations;
// then the `perfspec` command (`dist/cli.js`), on its own so that only it gets a shebang.
export default defineConfig([{
  entry: {
    index: 'src/index.ts',
    'vitest/index': 'src/vitest/index.ts',
    'vitest/setup': 'src/vitest/setup.ts',
    'vitest/reporter': 'src/vitest/reporter.ts',
    'jest/setup': 'src/jest/setup.ts',
    'jest/reporter': 'src/jest/reporter.ts',
  },
  ...shared,
  dts: true,
  // Everything but the command, which the second build writes at the same time.
  clean: ['**/*', '!cli.js', '!cli.cjs'],
  splitting: true,
  onSuccess: copyBundledLicences,
}, {
  entry: { cli: 'src/cli/bin.ts' },
  ...shared,
  dts: false,
  clean: false,
  banner: { js: '#!/usr/bin/env node' },
}])
