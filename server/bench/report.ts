// The bench's one table (scenario, Tablepad, baseline, ratio, goal, met?, errors) and its JSON.
export interface Row {
  scenario: string
  tablepad: string
  baseline: string
  /** Tablepad ÷ baseline, on the figure the goal is about; null when there is no baseline. */
  ratio: number | null
  goal: string
  /** null: no goal, or not measured in this run. */
  met: boolean | null
  /** Connection errors + answers with an unexpected status or body, Tablepad / baseline. */
  errors: string
}

const COLUMNS: Array<[keyof Row, string]> = [
  ['scenario', 'scenario'], ['tablepad', 'Tablepad'], ['baseline', 'bare baseline, same run'], ['ratio', 'ratio'],
  ['goal', 'goal'], ['met', 'met?'], ['errors', 'errors'],
]

function cell (row: Row, key: keyof Row): string {
  const value = row[key]
  if (key === 'ratio') return value === null ? '—' : `${(value as number).toFixed(2)}×`
  if (key === 'met') return value === null ? '—' : value ? 'yes' : 'NO'
  return String(value)
}

/** A Markdown table, readable in a terminal and pasted as is into docs/performance.md. */
export function formatTable (rows: readonly Row[]): string {
  const cells = rows.map(row => COLUMNS.map(([key]) => cell(row, key)))
  const widths = COLUMNS.map(([, title], i) => Math.max(title.length, ...cells.map(line => line[i]!.length)))
  const line = (values: string[]): string => `| ${values.map((value, i) => value.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map(width => '-'.repeat(width))),
    ...cells.map(line),
  ].join('\n')
}

export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`
export const ms = (value: number): string => value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`
export const mib = (value: number): string => `${Math.round(value)} MiB`
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`
