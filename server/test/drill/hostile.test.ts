// The hostile drill in its short form: a seeded batch of hostile requests over every route.
import { describe, expect, it } from 'vitest'
import { figure, runDrill } from './run-drill.js'

describe('npm run drill:hostile (short form)', () => {
  it('answers hostile requests without a 5xx and without changing data', async () => {
    const { code, output } = await runDrill('server/drill/hostile/run.ts', ['--requests', '500', '--seed', '11'])
    expect(output).toContain('PASS')
    expect(code).toBe(0)
    expect(output).toMatch(/500 requests over \d+ routes/)
    expect(output).not.toMatch(/status 5\d\d/)
    expect(figure(output, 'tables changed')).toBe('0')
    expect(Number(figure(output, 'status 400'))).toBeGreaterThan(50)
  }, 90_000)
})
