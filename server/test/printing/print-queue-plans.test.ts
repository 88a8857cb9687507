// The print queue is read on every wake and after every job: it must find the unprinted jobs through its partial
// index, not by reading the printed history of every ticket.
import { describe, expect, it } from 'vitest'
import { planDatabase, plansOf as plansOfStatements } from '../db/query-plan-helpers.js'
import { nextPrintJob, orderTicketJobs, printersWithQueue } from '../../src/repositories/print-jobs.js'

const fixture = planDatabase()
const plansOf = (run: () => Promise<unknown>): Promise<string[]> => plansOfStatements(fixture.opened, run)

describe('print queue query plans', () => {
  it('reads the next job and the printers with a queue through the partial index of unprinted jobs', async () => {
    for (const plan of [...await plansOf(() => nextPrintJob(fixture.opened.db, 'prn_x')), ...await plansOf(() => printersWithQueue(fixture.opened.db))]) {
      expect(plan).toMatch(/USING (COVERING )?INDEX print_jobs_queue/)
    }
  })

  it('finds a cancelled order\'s tickets by order, and whether each waits behind another through the queue index', async () => {
    const [plan] = await plansOf(() => orderTicketJobs(fixture.opened.db, 'ord_x'))
    expect(plan).toMatch(/SEARCH job USING INDEX print_jobs_by_order/)
    expect(plan).toMatch(/SEARCH older USING (COVERING )?INDEX print_jobs_queue/)
  })
})
