import type { CompareRow } from '../compare/compare-entries.js'
import { signedPercent } from '../compare/describe-verdict.js'
import type { Gate } from '../compare/gate.js'
import { formatDuration } from '../units/duration.js'
import { formatPercent } from '../units/percent.js'

const LABEL: Record<CompareRow['status'], string> = {
  ok: 'ok',
  improved: 'improved',
  warn: 'WARN',
  regressed: 'REGRESSED',
  new: 'new',
  missing: 'missing',
  unchecked: 'unchecked',
}

/** `perfspec compare`'s terminal output: a table (baseline, current, change, status), then details. */
export function compareTable(rows: readonly CompareRow[], gate: Gate): string {
  const header = ['benchmark', `baseline ${gate.metric}`, `current ${gate.metric}`, 'change', 'status']
  const body = rows.map((r) => [
    r.benchId,
    r.baseline !== undefined ? formatDuration(r.baseline) : '—',
    r.current !== undefined ? formatDuration(r.current) : '—',
    r.change !== undefined ? signedPercent(r.change) : '—',
    LABEL[r.status],
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '']
  for (const r of rows) if (r.status === 'regressed' || r.status === 'warn' || r.status === 'unchecked') out.push(`${r.status === 'regressed' ? '✗' : '!'} ${r.message}`)
  const count = (s: CompareRow['status']) => rows.filter((r) => r.status === s).length
  const regressed = count('regressed')
  out.push(
    `${regressed ? 'FAIL' : 'PASS'}: ${rows.length} benchmarks, ${regressed} regressed, ${count('warn')} warn, ${count('improved')} improved, ${count('ok')} ok, ${count('new')} new, ${count('missing')} missing (gate: ${gate.metric} more than ${formatPercent(gate.threshold)} above the baseline)`,
  )
  return `${out.join('\n')}\n`
}

/** GitHub Actions workflow commands for a comparison: a `::warning::` line per regression or WARN. */
export function compareAnnotations(rows: readonly CompareRow[]): string[] {
  return rows.filter((r) => r.status === 'regressed' || r.status === 'warn').map((r) => `::warning::${r.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`)
}
