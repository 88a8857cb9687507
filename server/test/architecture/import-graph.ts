// The static import graph of the repository's sources, read from the files themselves: what a module needs loaded
// before it can run. Type-only imports vanish at compile time and dynamic `import()` loads later, on demand, so
// neither can make a module wait for itself; only value imports and re-exports are edges.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'

/** Path aliases of the tsconfig files and Vite, from the repository root. */
const ALIASES: Record<string, string> = { '@/': 'kiosk/src/', '@shared/': 'shared/src/', '#shared/': 'shared/src/' }

const SOURCE = /\.(?:ts|vue)$/

/**
 * Every `import … from '…'`, `import '…'` and `export … from '…'` statement, with its clause: names, braces, `*`,
 * `as` and commas only, so `export function f () { … import('…') }` is not read as a re-export.
 */
const STATEMENT = /^[ \t]*(import|export)\s+([\w$*{}\s,]*?)\s*(?:from\s*)?['"]([^'"]+)['"]/gm

export type ImportGraph = Map<string, Set<string>>

/** Source files under the given folders (relative to root), tests and their support folders left out. */
export function sourceFiles (root: string, folders: readonly string[]): string[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === '__tests__' || name === 'node_modules') continue
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) files.push(relative(root, path))
    }
  }
  for (const folder of folders) walk(join(root, folder))
  return files.sort()
}

/** Whether an import clause brings in a value: `import type { A }` and `import { type A, type B }` do not. */
function importsAValue (keyword: string, clause: string): boolean {
  if (/^type\s/.test(clause)) return false
  const braces = /^\{([^}]*)\}$/.exec(clause.trim())
  if (!braces) return true
  const names = braces[1]!.split(',').map(name => name.trim()).filter(Boolean)
  // `export {}` re-exports nothing, `import {} from 'x'` still loads x.
  if (names.length === 0) return keyword === 'import'
  return names.some(name => !name.startsWith('type '))
}

/** The repository file a specifier names, or null for a package. */
function resolveSpecifier (root: string, from: string, specifier: string, known: ReadonlySet<string>): string | null {
  let base: string | null = null
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (specifier.startsWith(alias)) base = target + specifier.slice(alias.length)
  }
  if (base === null && specifier.startsWith('.')) base = relative(root, resolve(root, dirname(from), specifier))
  if (base === null) return null
  const stem = base.replace(/\.js$/, '')
  for (const candidate of [base, `${stem}.ts`, `${stem}.vue`, `${stem}/index.ts`]) {
    if (known.has(candidate)) return candidate
  }
  return null
}

/** The graph of value imports between the given files (paths relative to root). */
export function importGraph (root: string, files: readonly string[], read = (file: string) => readFileSync(join(root, file), 'utf8')): ImportGraph {
  const known = new Set(files)
  const graph: ImportGraph = new Map()
  for (const file of files) {
    const edges = new Set<string>()
    for (const [, keyword, clause, specifier] of read(file).matchAll(STATEMENT)) {
      if (!importsAValue(keyword!, clause!)) continue
      const target = resolveSpecifier(root, file, specifier!, known)
      if (target) edges.add(target)
    }
    graph.set(file, edges)
  }
  return graph
}

/** The import cycles: each a list of files that all (transitively) import one another (Tarjan's components). */
export function importCycles (graph: ImportGraph): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let counter = 0
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || graph.get(node)?.has(node)) cycles.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}
