// Live streams and memory: 500 tablets' event streams, a sold-out switch timed to each of them, server RSS.
import { join } from 'node:path'
import { startBaseline } from './baselines.js'
import { log, settledRss, type Context } from './context.js'
import { expectStatus, http } from './http.js'
import { paused, stop } from './processes.js'
import { mib, ms } from './report.js'
import { closeStreams, FANOUT_WARM_UP_ROUNDS, measureFanout, openStreams, type FanoutFigures, type Stream } from './sse.js'

export interface LiveState {
  streams: Stream[]
  rssIdle: number
  rssWithStreams: number
  fanout: FanoutFigures
}

/** Opens every SSE tablet's stream, reads RSS, and times the sold-out switch to all of them. */
export async function openTabletStreams (ctx: Context, rssIdle: number): Promise<LiveState> {
  log(`${ctx.sseTablets.length} tablets open their event streams`)
  const streams = await openStreams(`${ctx.tablepad.base}/api/events`, ctx.sseTablets.map(tablet => tablet.cookie), 'menu.changed')
  const rssWithStreams = await settledRss(ctx.tablepad.child.pid)
  log(`sold out and back, ${ctx.settings.fanoutRounds} times, timed to each of ${streams.length} streams`)
  const fanout = await measureFanout(streams, ctx.settings.fanoutRounds, async (round) => {
    expectStatus(await http(`${ctx.tablepad.base}/api/staff/menu/items/${ctx.toggledDishId}`, {
      method: 'PATCH',
      headers: { cookie: ctx.tablepad.staffCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ available: round % 2 === 1 }),
    }), 200, 'sold-out switch')
  })
  if ((FANOUT_WARM_UP_ROUNDS + ctx.settings.fanoutRounds) % 2 === 1) {
    // Back on sale, as it was.
    expectStatus(await http(`${ctx.tablepad.base}/api/staff/menu/items/${ctx.toggledDishId}`, {
      method: 'PATCH', headers: { cookie: ctx.tablepad.staffCookie, 'content-type': 'application/json' }, body: JSON.stringify({ available: true }),
    }), 200, 'back on sale')
  }
  return { streams, rssIdle, rssWithStreams, fanout }
}

/** The bare SSE server with as many streams, the same fan-out timing, and its RSS; then the rows of both. */
export async function liveRows (ctx: Context, live: LiveState, rssAfterOrders: number): Promise<void> {
  closeStreams(live.streams)
  const baseline = await startBaseline(join(ctx.workDir, 'baselines'), 'sse')
  let bareRss: number
  let bare: FanoutFigures
  try {
    log(`bare SSE server: ${ctx.sseTablets.length} streams, ${ctx.settings.fanoutRounds} fan-outs`)
    const streams = await openStreams(`${baseline.base}/api/events`, ctx.sseTablets.map(() => undefined), 'menu.changed')
    bare = await paused(ctx.tablepad.child, () => measureFanout(streams, ctx.settings.fanoutRounds, async () => {
      expectStatus(await http(`${baseline.base}/fanout`, { method: 'POST' }), 204, 'bare fan-out')
    }))
    bareRss = await settledRss(baseline.child.pid)
    closeStreams(streams)
  } finally {
    await stop(baseline.child)
  }
  const n = ctx.sseTablets.length
  const fanoutRatio = live.fanout.p99Ms / bare.p99Ms
  ctx.rows.push(
    {
      scenario: `sold-out to ${n} SSE tablets (p50 / p99)`,
      tablepad: `${ms(live.fanout.p50Ms)} / ${ms(live.fanout.p99Ms)}`,
      baseline: `${ms(bare.p50Ms)} / ${ms(bare.p99Ms)}`,
      ratio: fanoutRatio,
      goal: 'p99 ≤ 1.2×',
      met: fanoutRatio <= 1.2,
      errors: '0 / 0',
    },
    {
      scenario: 'server RSS, idle after start',
      tablepad: mib(live.rssIdle),
      baseline: `bare SSE server with ${n} streams: ${mib(bareRss)}`,
      ratio: live.rssIdle / bareRss,
      goal: '< 100 MiB',
      met: live.rssIdle < 100,
      errors: '—',
    },
    {
      scenario: `server RSS, ${n} SSE tablets`,
      tablepad: mib(live.rssWithStreams),
      baseline: mib(bareRss),
      ratio: live.rssWithStreams / bareRss,
      goal: '—',
      met: null,
      errors: '—',
    },
    {
      scenario: `server RSS, ${n} SSE tablets, after the order run`,
      tablepad: mib(rssAfterOrders),
      baseline: mib(bareRss),
      ratio: rssAfterOrders / bareRss,
      goal: '< 150 MiB',
      met: rssAfterOrders < 150,
      errors: '—',
    },
  )
  ctx.figures.live = { fanout: live.fanout, bareFanout: bare, rssIdle: live.rssIdle, rssWithStreams: live.rssWithStreams, rssAfterOrders, bareRss }
}
