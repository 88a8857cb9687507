// Kills the server at random moments and starts it again on the same port and DATA_DIR; a server
// that dies by itself is started again too, and counted (expected only at a requested crash point).
import type { Random } from './random.js'
import { sleep } from './retry.js'
import type { ServerExit, ServerProcess } from './processes.js'

export interface SupervisorStats {
  kills: number
  crashPointExits: number
  /** Exits the drill did not cause and no crash point explains: a real crash. */
  unexpectedExits: string[]
}

export class Supervisor {
  readonly stats: SupervisorStats = { kills: 0, crashPointExits: 0, unexpectedExits: [] }
  /** Kills and restarts happen one at a time. */
  private queue: Promise<unknown> = Promise.resolve()
  private crashPointPending: string | null

  constructor (private readonly server: ServerProcess, private readonly random: Random, crashPoint: string | null) {
    this.crashPointPending = crashPoint
    server.onUnexpectedExit = (exit) => {
      this.serial(() => this.recover(exit)).catch((error: unknown) => {
        this.stats.unexpectedExits.push(`could not start again: ${error instanceof Error ? error.message : String(error)}`)
      })
    }
  }

  private serial<T> (step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step)
    this.queue = next.catch(() => undefined)
    return next
  }

  async start (): Promise<void> {
    await this.serial(() => this.startArmed())
  }

  private async startArmed (): Promise<void> {
    const crashPoint = this.crashPointPending
    try {
      await this.server.start(crashPoint)
    } catch (error) {
      // Reaching the crash point while starting (the reconciler's first pass) is what it is for:
      // the exit handler starts the server again.
      if (crashPoint === null) throw error
    }
  }

  /**
   * Every start carries the crash point until the server has died there once; the start after that
   * death is the restart whose recovery the crash window is about.
   */
  private async recover (exit: ServerExit): Promise<void> {
    if (exit.crashPoint !== null) {
      this.stats.crashPointExits++
      this.crashPointPending = null
    } else {
      this.stats.unexpectedExits.push(`exit code ${exit.code ?? '-'} signal ${exit.signal ?? '-'}`)
    }
    if (!this.server.running) await this.startArmed()
  }

  /** SIGKILL now, then start again. */
  async killAndRestart (): Promise<void> {
    await this.serial(async () => {
      await this.server.kill()
      this.stats.kills++
      await this.startArmed()
    })
  }

  /** `kills` kills at random moments while `busy` is running; any left over happen right after it. */
  async killDuring (kills: number, busy: Promise<unknown>, spreadMs: number): Promise<void> {
    let finished = false
    void busy.finally(() => { finished = true })
    for (let done = 0; done < kills; done++) {
      if (!finished) await Promise.race([sleep(this.random.int(spreadMs / 2, spreadMs * 1.5)), busy])
      await this.killAndRestart()
    }
  }

  /** Lets any restart in progress finish, then stops the server cleanly. */
  async stop (): Promise<void> {
    await this.serial(() => this.server.stop())
  }
}
