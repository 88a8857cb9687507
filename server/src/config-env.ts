// Reading one environment variable each, with the one clear line a mistake gets (config.ts, config-alipay.ts).
import { readFileSync } from 'node:fs'

export class ConfigError extends Error {
  constructor (readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

export type Env = Readonly<Record<string, string | undefined>>

export function text (env: Env, name: string): string | null {
  const value = env[name]?.trim()
  return value ? value : null
}

export function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name)
  if (raw === null) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`)
  }
  return Number(raw)
}

export function oneOf<T extends string> (env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name)
  if (raw === null) return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`)
  }
  return raw as T
}

export function bool (env: Env, name: string): boolean | null {
  const raw = text(env, name)
  if (raw === null) return null
  if (/^(true|1|yes)$/i.test(raw)) return true
  if (/^(false|0|no)$/i.test(raw)) return false
  throw new ConfigError(name, `must be true or false (got "${raw}")`)
}

export function url (env: Env, name: string, fallback: string): string {
  const raw = text(env, name) ?? fallback
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL (got "${raw}")`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https (got "${raw}")`)
  }
  return raw.replace(/\/+$/, '')
}

/** A secret given inline (`NAME`) or as a file path (`NAME_FILE`), never both. */
export function secret (env: Env, name: string): string | null {
  const inline = text(env, name)
  const file = text(env, `${name}_FILE`)
  if (inline && file) throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`)
  if (!file) return inline
  try {
    const content = readFileSync(file, 'utf8').trim()
    if (!content) throw new ConfigError(`${name}_FILE`, `file ${file} is empty`)
    return content
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}
