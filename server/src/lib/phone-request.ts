// Whether a request comes from a diner's phone rather than a tablet, by its cookies (a tablet's cookie wins).
// The table-session plugin decides by it, and so do routes where tablets need less than a table session (an
// unpaired tablet still reads the menu and its event stream).
import type { FastifyRequest } from 'fastify'
import { DEVICE_COOKIE, DINER_COOKIE } from './cookies.js'

export function isPhoneRequest (request: FastifyRequest): boolean {
  return request.cookies[DINER_COOKIE] !== undefined && request.cookies[DEVICE_COOKIE] === undefined
}
