// The bare baselines: compiled from baselines/*.ts to plain JavaScript (so they run on bare node, like the server
// does, without a loader in their memory), then started as child processes that announce their port.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { startNode, waitForLine, type Child } from './processes.js'
import { READY_PATTERN } from './baselines/ready.js'

export interface Baseline {
  child: Child
  base: string
}

/** Transpiles every baselines/*.ts into `outDir` (inside the project, so node_modules and "type": "module" apply). */
export function compileBaselines (outDir: string): void {
  const sourceDir = join(import.meta.dirname, 'baselines')
  mkdirSync(outDir, { recursive: true })
  for (const file of readdirSync(sourceDir).filter(name => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: file,
    })
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText)
  }
}

export async function startBaseline (outDir: string, name: string, env: Record<string, string> = {}): Promise<Baseline> {
  const child = startNode(join(outDir, `${name}.js`), { NODE_ENV: 'production', ...env })
  const [, port] = await waitForLine(child, READY_PATTERN)
  return { child, base: `http://127.0.0.1:${port}` }
}
