import type { AbComparison } from '../model/ab.js'
import type { AbSideFailure } from '../model/ab-run.js'
import { abSentence, failureSentence } from './ab-text.js'
import { annotation, inRepository } from './github.js'

/**
 * GitHub Actions annotations of a `perfspec ab` run, at each benchmark's test file: `::error`
 * for a benchmark slower on head and for a runner whose tests failed, `::warning` for an
 * inconclusive one. `folder`: the project's folder in the repository (see `inRepository`).
 */
export function abAnnotations(comparisons: readonly AbComparison[], failures: readonly AbSideFailure[], folder = ''): string[] {
  const lines: string[] = []
  for (const c of comparisons) {
    // One not gated fails nothing: nothing to flag at its file.
    if (c.gated === false) continue
    if (c.status === 'slower') lines.push(annotation('error', inRepository(folder, c.file), undefined, 'perfspec ab: slower than base', abSentence(c)))
    else if (c.status === 'inconclusive') lines.push(annotation('warning', inRepository(folder, c.file), undefined, 'perfspec ab: inconclusive', abSentence(c)))
  }
  for (const f of failures) lines.push(annotation('error', inRepository(folder, f.file), undefined, `perfspec ab: ${f.side} failed`, failureSentence(f)))
  return lines
}
