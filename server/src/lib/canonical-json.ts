// JSON with object keys sorted at every level, so equal values always serialise (and hash) the same.

export function canonicalJson (value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort()
      .map(key => [key, sortKeys((value as Record<string, unknown>)[key])])
      .filter(([, entry]) => entry !== undefined))
  }
  return value
}
