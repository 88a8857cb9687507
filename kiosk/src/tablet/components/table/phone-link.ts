// The table's phone-ordering link, as printed on its table sheet: the restaurant's server, /t/<table code>.

/** `origin` is where the tablet is served from: the restaurant's own server, which answers /t/<code>. */
export function phoneOrderUrl (code: string, origin: string = location.origin): string {
  return `${origin}/t/${encodeURIComponent(code)}`
}
