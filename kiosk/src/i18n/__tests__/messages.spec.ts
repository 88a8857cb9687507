// Every UI string lives in the message files: both languages have every key, and templates hold no raw text.
import { describe, expect, it } from 'vitest'
import { parse as parseSfc } from 'vue/compiler-sfc'
import enSource from '../en.json?raw'
import zhSource from '../zh-CN.json?raw'
import staffEnSource from '../staff/en.json?raw'
import { KNOWN_ERROR_CODES, KNOWN_PAYMENT_FAILURES, errorMessageKey, paymentFailureKey } from '../errors'

type Messages = { [key: string]: string | Messages }

function flatten (messages: Messages, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') flat.set(path, value)
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text)
  }
  return flat
}

const en = flatten(JSON.parse(enSource) as Messages)
const zh = flatten(JSON.parse(zhSource) as Messages)
// The staff console's keys (`console.*`) live in its own files, loaded with the console (staff-messages.spec.ts checks them).
const staffEn = flatten(JSON.parse(staffEnSource) as Messages)

function placeholders (message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map(match => match[1]!))].sort()
}

const sources = {
  ...import.meta.glob<string>('../../**/*.vue', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>(['../../**/*.ts', '!../../**/__tests__/**'], { query: '?raw', import: 'default', eager: true }),
}

describe('i18n messages', () => {
  it('has every key in both languages, none empty', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort())
    for (const [key, text] of [...en, ...zh]) expect(text.trim(), key).not.toBe('')
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of en) expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(text))
  })

  it('has a message for every key the code asks for by name', () => {
    const used = new Set<string>()
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(match[1]!)
      for (const match of source.matchAll(/key: '([\w.]+)'/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(50)
    for (const key of used) expect(en.has(key) || staffEn.has(key), key).toBe(true)
  })

  it('has a plain message for every error and payment failure code the tablet knows', () => {
    for (const code of KNOWN_ERROR_CODES) expect(en.has(errorMessageKey(code)), code).toBe(true)
    for (const code of KNOWN_PAYMENT_FAILURES) expect(en.has(paymentFailureKey(code)), code).toBe(true)
    expect(errorMessageKey('SOMETHING_NEW')).toBe('errors.default')
    expect(errorMessageKey('HTTP_503')).toBe('errors.SERVER')
    expect(paymentFailureKey('ACQ.SOMETHING_NEW')).toBe('paymentFailure.default')
    expect(en.has('errors.default') && en.has('paymentFailure.default')).toBe(true)
  })

  it('keeps words out of templates: text and labels come from the message files', () => {
    const LABEL_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt'])
    const offenders: string[] = []
    interface Node { type: number, content?: string, name?: string, value?: { content: string }, props?: Node[], children?: Node[] }
    function walk (node: Node, file: string): void {
      if (node.type === 2 && /\p{L}/u.test(node.content ?? '')) offenders.push(`${file}: "${node.content?.trim()}"`)
      for (const prop of node.props ?? []) {
        if (prop.type === 6 && LABEL_ATTRIBUTES.has(prop.name ?? '') && /\p{L}/u.test(prop.value?.content ?? '')) {
          offenders.push(`${file}: ${prop.name}="${prop.value?.content}"`)
        }
      }
      for (const child of node.children ?? []) walk(child, file)
    }
    const vueFiles = Object.entries(sources).filter(([file]) => file.endsWith('.vue'))
    expect(vueFiles.length).toBeGreaterThan(20)
    for (const [file, source] of vueFiles) {
      const ast = parseSfc(source).descriptor.template?.ast
      if (ast) walk(ast as unknown as Node, file)
    }
    expect(offenders).toEqual([])
  })
})
