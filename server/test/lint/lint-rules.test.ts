// The repository's ESLint config catches what each runtime must not do: browser globals on the server and in shared/,
// Node globals and modules in the kiosk and shared/, window globals in the service worker, and promises left unhandled.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint, type Linter } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Each snippet is linted in place of a real file's content (nothing is written). The file must exist and belong to a
 * tsconfig project: the type-aware rules (no-floating-promises, no-misused-promises) need its types, and the project
 * service finds no project for a file that is not on disk.
 */
const HOST = {
  server: 'server/src/server.ts',
  shared: 'shared/src/money.ts',
  kiosk: 'kiosk/src/main.ts',
  kioskComponent: 'kiosk/src/App.vue',
  serviceWorker: 'kiosk/src/sw.ts',
  viteConfig: 'vite.config.ts',
} as const

interface Case {
  readonly name: string
  readonly host: keyof typeof HOST
  readonly code: string
  /** The rule ids the snippet must trip (others may join them); a snippet that breaks no rule expects none at all. */
  readonly rules: readonly string[]
}

const vue = (script: string): string => `<script setup lang="ts">\n${script}</script>\n\n<template><div /></template>\n`

const CASES: readonly Case[] = [
  { name: 'a DOM global on the server', host: 'server', code: 'export const width = window.innerWidth\n', rules: ['no-restricted-globals'] },
  { name: 'a DOM global in shared/', host: 'shared', code: 'export const title = (): string => document.title\n', rules: ['no-restricted-globals'] },
  { name: 'a Node global in shared/', host: 'shared', code: 'export const bytes = Buffer.from("a")\n', rules: ['no-restricted-globals'] },
  { name: 'a node: import in shared/', host: 'shared', code: 'import { createHash } from "node:crypto"\nexport const hash = createHash\n', rules: ['no-restricted-imports'] },
  { name: 'a Node global in the kiosk', host: 'kiosk', code: 'export const mode = process.env.NODE_ENV\n', rules: ['no-restricted-globals'] },
  { name: 'a node: import in the kiosk', host: 'kiosk', code: 'import { join } from "node:path"\nexport const joined = join("a", "b")\n', rules: ['no-restricted-imports'] },
  { name: 'a bare Node module in the kiosk', host: 'kiosk', code: 'import { readFileSync } from "fs"\nexport const read = readFileSync\n', rules: ['no-restricted-imports'] },
  { name: 'a Node global in a kiosk component', host: 'kioskComponent', code: vue('const mode = process.env.NODE_ENV\nconsole.log(mode)\n'), rules: ['no-restricted-globals'] },
  { name: 'the window in the service worker', host: 'serviceWorker', code: 'export const here = window.location.href\n', rules: ['no-restricted-globals'] },
  {
    name: 'a floating promise on the server',
    host: 'server',
    code: 'async function save (): Promise<void> {}\nexport function onExit (): void {\n  save()\n}\n',
    rules: ['@typescript-eslint/no-floating-promises'],
  },
  {
    name: 'a floating promise in a kiosk component',
    host: 'kioskComponent',
    code: vue('async function load (): Promise<void> {}\nload()\n'),
    rules: ['@typescript-eslint/no-floating-promises'],
  },
  {
    name: 'an async listener where a void one is expected',
    host: 'kiosk',
    code: 'async function sync (): Promise<void> {}\nwindow.addEventListener("online", async () => { await sync() })\n',
    rules: ['@typescript-eslint/no-misused-promises'],
  },
  {
    name: 'a promise used as a condition',
    host: 'server',
    code: 'async function isOpen (): Promise<boolean> { return true }\nexport function check (): string {\n  return isOpen() ? "open" : "closed"\n}\n',
    rules: ['@typescript-eslint/no-misused-promises'],
  },
  { name: 'awaiting a value that is not a promise', host: 'server', code: 'export async function twice (n: number): Promise<number> {\n  return 2 * await n\n}\n', rules: ['@typescript-eslint/await-thenable'] },
  {
    name: 'clean server code',
    host: 'server',
    code: 'import { setTimeout as delay } from "node:timers/promises"\n\nasync function save (): Promise<void> {\n  await delay(1)\n}\n'
      + '\nexport function onExit (): void {\n  // Fire and forget: the process exits either way; the failure is logged.\n  save().catch((error: unknown) => { console.error(error) })\n}\n',
    rules: [],
  },
  { name: 'clean shared code', host: 'shared', code: 'export const double = (fen: number): number => fen * 2\n', rules: [] },
  {
    name: 'clean kiosk code',
    host: 'kiosk',
    code: 'async function sync (): Promise<void> {}\nwindow.addEventListener("online", () => { void sync() })\nexport const wide = window.innerWidth > 1000\n',
    rules: [],
  },
  // vite.config.ts builds the kiosk but runs on Node: the kiosk's restrictions do not reach it.
  { name: 'Node in the kiosk build config', host: 'viteConfig', code: 'import { fileURLToPath } from "node:url"\nexport const port = Number(process.env.PORT)\nexport const here = fileURLToPath(import.meta.url)\n', rules: [] },
]

describe('lint rules per runtime', () => {
  // One ESLint instance: the TypeScript programs it builds for the first file of each project are reused.
  const eslint = new ESLint({ cwd: ROOT })
  const reports = new Map<Case, Linter.LintMessage[]>()

  beforeAll(async () => {
    for (const testCase of CASES) {
      const [result] = await eslint.lintText(testCase.code, { filePath: HOST[testCase.host] })
      reports.set(testCase, result?.messages ?? [])
    }
  }, 180_000)

  it('lints each snippet in place of a file that exists', () => {
    for (const path of Object.values(HOST)) expect(existsSync(`${ROOT}${path}`), path).toBe(true)
  })

  it.each(CASES.map(testCase => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const messages = reports.get(testCase) ?? []
    expect(messages.filter(message => message.fatal), 'parsing errors').toEqual([])
    const ruleIds = messages.map(message => message.ruleId)
    if (testCase.rules.length === 0) expect(ruleIds).toEqual([])
    else expect(ruleIds).toEqual(expect.arrayContaining([...testCase.rules]))
  })
})
