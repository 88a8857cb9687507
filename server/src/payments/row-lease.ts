// The lease a process writes on a payment or refund it is working on when several processes share one
// PostgreSQL database (issue 16): the reconciler's claim, and the creating process's own lease on a row it has
// just written and is still talking to Alipay about, so no other process's reconciler takes the row over
// meanwhile. On SQLite (one process) there is none: the in-process locks suffice and leases would only cost writes.
import { isoAfter } from './schedule.js'

export interface RowLease {
  /** This process's instance id. */
  owner: string
  /** How long a lease lasts: the reconciler's (reconcileLeaseMs), longer than any one gateway call. */
  ms: number
}

/** The lease columns of a row this process writes and works on at once; both null without leases. */
export function heldLeaseColumns (lease: RowLease | null | undefined, now: number): { lease_owner: string | null, lease_until: string | null } {
  return lease ? { lease_owner: lease.owner, lease_until: isoAfter(now, lease.ms) } : { lease_owner: null, lease_until: null }
}
