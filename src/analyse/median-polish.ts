import { medianInPlace } from './median.js'

/** A table split into an overall level, an effect per row and an effect per column. */
export interface Polished {
  overall: number
  rows: number[]
  columns: number[]
}

/** Sweeps stop once no effect moves by more than this: on log times, 1e-4 is a relative 0.01 %. */
const SETTLED = 1e-4
const MAX_SWEEPS = 10

/**
 * Tukey's median polish: fits `table[r][c] ≈ overall + rows[r] + columns[c]` by sweeping row
 * medians and column medians out in turn. A cell that is far off (a round that a slow stretch
 * of the machine hit at one size only) moves neither its row's effect nor its column's, where a
 * fit of means would spread it over both. Every row must have the same length; empty input gives
 * an overall of `NaN`.
 */
export function medianPolish(table: readonly (ArrayLike<number>)[]): Polished {
  const rowCount = table.length
  const columnCount = table[0]?.length ?? 0
  if (rowCount === 0 || columnCount === 0) return { overall: Number.NaN, rows: [], columns: [] }
  // Residuals, row after row.
  const residual = new Float64Array(rowCount * columnCount)
  table.forEach((row, r) => {
    for (let c = 0; c < columnCount; c++) residual[r * columnCount + c] = row[c]!
  })
  const rows = new Float64Array(rowCount)
  const columns = new Float64Array(columnCount)
  const scratch = new Float64Array(Math.max(rowCount, columnCount))
  let overall = 0
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = 0
    for (let r = 0; r < rowCount; r++) {
      const at = r * columnCount
      for (let c = 0; c < columnCount; c++) scratch[c] = residual[at + c]!
      const m = medianInPlace(scratch, columnCount)
      rows[r]! += m
      for (let c = 0; c < columnCount; c++) residual[at + c]! -= m
      moved = Math.max(moved, Math.abs(m))
    }
    scratch.set(columns)
    const columnShift = medianInPlace(scratch, columnCount)
    for (let c = 0; c < columnCount; c++) columns[c]! -= columnShift
    overall += columnShift
    for (let c = 0; c < columnCount; c++) {
      for (let r = 0; r < rowCount; r++) scratch[r] = residual[r * columnCount + c]!
      const m = medianInPlace(scratch, rowCount)
      columns[c]! += m
      for (let r = 0; r < rowCount; r++) residual[r * columnCount + c]! -= m
      moved = Math.max(moved, Math.abs(m))
    }
    scratch.set(rows)
    const rowShift = medianInPlace(scratch, rowCount)
    for (let r = 0; r < rowCount; r++) rows[r]! -= rowShift
    overall += rowShift
    if (moved <= SETTLED) break
  }
  return { overall, rows: Array.from(rows), columns: Array.from(columns) }
}
