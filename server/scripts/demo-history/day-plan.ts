// When people come and where they sit: a day's seatings at the demo's tables, with the times of their orders.
// Pure (no database): the store-local minutes of the day, drawn from a seeded Random.
import type { Random } from './random.js'

export interface PlanTable {
  id: string
  label: string
  seats: number
}

export interface PlannedOrder {
  /** Minutes after local midnight (fractional). */
  at: number
  /** Index into the seating's phone diners, or null for the table's tablet. */
  phoneDiner: number | null
  /** The first order of a seating is the meal; later ones are extra rounds, drinks, dessert. */
  round: number
}

export interface Seating {
  table: PlanTable
  party: number
  /** Minutes after local midnight. */
  start: number
  end: number
  /** How many diners order from their own phone (signed in through Alipay). */
  phoneDiners: number
  orders: PlannedOrder[]
}

/** The shape of the days: the base volume and how it moves. */
export interface VolumeSettings {
  /** Orders on an ordinary weekday. */
  ordersPerDay: number
}

const OPEN_MINUTE = 10 * 60 + 30
const LAST_SEATING_MINUTE = 21 * 60 + 15
const CLOSE_MINUTE = 22 * 60 + 30

/** Mon … Sun: Friday evening picks up, the weekend is about 30 % busier than a weekday. */
const WEEKDAY_FACTOR = [0.92, 0.95, 0.97, 1.0, 1.12, 1.34, 1.28]

/** Orders a seating places on average (the meal, then more rounds); also what seatings a day are derived from. */
const MEAN_ORDERS_PER_SEATING = 4.6
/** Parties who arrive per party seated, on an ordinary day (the rest leave rather than wait at the peaks). */
const WALK_AWAY_ALLOWANCE = 1.18

function gaussianBump (minute: number, centre: number, width: number): number {
  const x = (minute - centre) / width
  return Math.exp(-0.5 * x * x)
}

/** Arrivals per minute, relative: a lunch peak around 12:30, a taller dinner peak around 19:00, a quiet afternoon. */
function arrivalIntensity (minute: number): number {
  if (minute < OPEN_MINUTE || minute > LAST_SEATING_MINUTE) return 0
  return 0.12 + 1.0 * gaussianBump(minute, 12 * 60 + 30, 55) + 1.2 * gaussianBump(minute, 19 * 60, 80)
}

const ARRIVAL_CDF = (() => {
  const cdf: number[] = []
  let sum = 0
  for (let minute = 0; minute < 24 * 60; minute++) {
    sum += arrivalIntensity(minute)
    cdf.push(sum)
  }
  return cdf.map(value => value / sum)
})()

function arrivalMinute (random: Random): number {
  const u = random.next()
  let low = 0
  let high = ARRIVAL_CDF.length - 1
  while (low < high) {
    const mid = (low + high) >> 1
    if (ARRIVAL_CDF[mid]! < u) low = mid + 1
    else high = mid
  }
  return low + random.next()
}

/**
 * The orders a day should have: weekday rhythm × a seasonal wobble (quieter in late winter, busier in
 * autumn) × a little day-to-day noise. `dayOfYear` is 0-based; `weekday` is ISO (1 = Monday).
 */
export function targetOrders (settings: VolumeSettings, weekday: number, dayOfYear: number, random: Random): number {
  const season = 1 + 0.08 * Math.sin((2 * Math.PI * (dayOfYear - 120)) / 365)
  const noise = 1 + 0.06 * random.gaussian()
  return Math.max(10, Math.round(settings.ordersPerDay * WEEKDAY_FACTOR[weekday - 1]! * season * noise))
}

function partySize (random: Random): number {
  return random.weighted([1, 2, 2, 2, 3, 4, 4, 5, 6, 8], () => 1)
}

/**
 * The orders a seating places: ordering from the table is cheap, so people order in rounds (the meal, more
 * dishes, drinks, dessert), and diners with their phones often order their own share. Bigger parties order more.
 */
function orderCount (random: Random, party: number): number {
  let count = 1
  const more = Math.min(0.73 + party * 0.03, 0.9)
  while (count < 9 && random.chance(more)) count++
  return count
}

function seatingLength (random: Random, start: number, party: number): number {
  const lunch = start < 15 * 60
  const base = lunch ? 32 : 45
  return base + party * 3 + random.int(0, lunch ? 18 : 30)
}

/**
 * The day's seatings, in start order. Parties arrive following the intensity curve and take the table for
 * their size that frees up first; at the peaks they wait for it, and a party that would wait over 40 minutes
 * goes elsewhere (so a packed Saturday is capped by the room, as it is in a real restaurant).
 */
export function planDay (tables: readonly PlanTable[], ordersWanted: number, random: Random): Seating[] {
  // More parties come than the room can always seat: at the peaks some give up waiting (see below).
  const parties = Math.round((ordersWanted / MEAN_ORDERS_PER_SEATING) * WALK_AWAY_ALLOWANCE)
  const arrivals = Array.from({ length: parties }, () => arrivalMinute(random)).sort((a, b) => a - b)
  const freeAt = new Map(tables.map(table => [table.id, OPEN_MINUTE]))
  const seatings: Seating[] = []
  for (const arrival of arrivals) {
    const party = partySize(random)
    const fitting = tables.filter(table => table.seats >= party && table.seats <= Math.max(party * 2, 4))
    const candidates = fitting.length > 0 ? fitting : tables.filter(table => table.seats >= party)
    if (candidates.length === 0) continue
    const table = candidates.reduce((best, next) => freeAt.get(next.id)! < freeAt.get(best.id)! ? next : best)
    const start = Math.max(arrival, freeAt.get(table.id)!)
    if (start - arrival > 45 || start > LAST_SEATING_MINUTE) continue
    const end = Math.min(start + seatingLength(random, start, party), CLOSE_MINUTE)
    // A few minutes to clear and lay the table again.
    freeAt.set(table.id, end + random.int(3, 8))
    const phoneDiners = random.chance(0.45) ? random.int(1, Math.min(party, 3)) : 0
    seatings.push({ table, party, start, end, phoneDiners, orders: plannedOrders(random, start, end, party, phoneDiners) })
  }
  return seatings.sort((a, b) => a.start - b.start)
}

function plannedOrders (random: Random, start: number, end: number, party: number, phoneDiners: number): PlannedOrder[] {
  const count = orderCount(random, party)
  const orders: PlannedOrder[] = []
  let at = start + 2 + random.next() * 6
  for (let round = 0; round < count && at < end - 5; round++) {
    const phoneDiner = phoneDiners > 0 && random.chance(0.65) ? random.int(0, phoneDiners - 1) : null
    orders.push({ at, phoneDiner, round })
    // Diners at one table often order at nearly the same moment; more rounds come later in the meal.
    at += random.chance(0.35) ? 0.5 + random.next() * 2 : 3 + random.next() * 11
  }
  return orders
}
