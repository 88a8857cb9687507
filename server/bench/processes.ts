// Child processes of the bench (the Tablepad server, the bare baselines): started, awaited, measured and always stopped.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'

const running = new Set<ChildProcess>()
const cleanups = new Set<() => Promise<void> | void>()

export interface Child {
  process: ChildProcess
  pid: number
  /** Everything the child wrote to stderr, for the error message when it fails. */
  stderr: () => string
}

/** Starts `node <script>`, tracked so that stopAll() ends it on success, failure and Ctrl-C alike. */
export function startNode (script: string, env: Record<string, string>, args: string[] = []): Child {
  const child = spawn(process.execPath, [...args, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.pid === undefined) throw new Error(`could not start ${script}`)
  running.add(child)
  child.once('exit', () => running.delete(child))
  let errText = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { errText = (errText + chunk).slice(-4000) })
  return { process: child, pid: child.pid, stderr: () => errText }
}

/** Resolves with the first stdout line matching `pattern` (a baseline announcing its port). */
export async function waitForLine (child: Child, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  return new Promise((resolveLine, reject) => {
    let buffered = ''
    const timer = setTimeout(() => fail(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs)
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8')
      const match = buffered.match(pattern)
      if (match) done(() => resolveLine(match))
    }
    const onExit = (code: number | null): void => fail(new Error(`exited with ${code} before it was ready`))
    function done (then: () => void): void {
      clearTimeout(timer)
      child.process.stdout!.off('data', onData)
      child.process.off('exit', onExit)
      // Keep draining stdout so a chatty child never blocks on a full pipe.
      child.process.stdout!.resume()
      then()
    }
    function fail (error: Error): void {
      done(() => reject(new Error(`${error.message}\n${child.stderr()}`)))
    }
    child.process.stdout!.on('data', onData)
    child.process.once('exit', onExit)
  })
}

/** Polls `url` until it answers 2xx (never a fixed sleep). */
export async function waitForHttp (url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`exited with ${child.process.exitCode} before ${url} answered\n${child.stderr()}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms\n${child.stderr()}`)
    await new Promise(resolveWait => setTimeout(resolveWait, 100))
  }
}

/** Resident set size in MiB, as the kernel counts it (VmRSS in /proc/<pid>/status). */
export function rssMiB (pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB$/m)
  if (!match) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(match[1]) / 1024
}

/** Stops one child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stop (child: Child, graceMs = 5000): Promise<void> {
  const proc = child.process
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise(resolveExit => proc.once('exit', resolveExit))
  // A paused child (see paused()) must run again to handle SIGTERM.
  proc.kill('SIGCONT')
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/**
 * Runs `fn` with `child` stopped (SIGSTOP, then SIGCONT): a baseline measured while the Tablepad server is paused
 * gets the machine without Tablepad's background work (the reconciler polling open payments) taking CPU from it.
 */
export async function paused<T> (child: Child, fn: () => Promise<T>): Promise<T> {
  child.process.kill('SIGSTOP')
  try {
    return await fn()
  } finally {
    child.process.kill('SIGCONT')
  }
}

/** Something else to undo at the end (a browser, a temp dir). Returns the function that unregisters it. */
export function onCleanup (fn: () => Promise<void> | void): () => void {
  cleanups.add(fn)
  return () => cleanups.delete(fn)
}

/** Ends every child still running and runs every registered cleanup; safe to call twice. */
export async function stopAll (): Promise<void> {
  const fns = [...cleanups].reverse()
  cleanups.clear()
  for (const fn of fns) {
    try {
      await fn()
    } catch {
      // Cleaning up the rest matters more than one failure here.
    }
  }
  await Promise.all([...running].map(proc => stop({ process: proc, pid: proc.pid ?? 0, stderr: () => '' }, 2000)))
}

/** Ctrl-C or a kill of the bench still stops the server and the baselines. */
export function stopAllOnSignals (): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void stopAll().finally(() => process.exit(130))
    })
  }
}
