// Runs a drill script as `npm run drill` would (a tsx child process) and collects its exit code and output.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')

export function runDrill (script: string, args: string[]): Promise<{ code: number | null, output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.once('error', reject)
    child.once('exit', code => resolveRun({ code, output }))
  })
}

/** The value printed beside a label in a drill's table. */
export function figure (output: string, label: string): string | undefined {
  const line = output.split('\n').find(candidate => candidate.trimStart().startsWith(`${label}  `))
  return line?.trim().slice(label.length).trim()
}
