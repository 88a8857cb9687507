// Every UI string lives in the message files: each face's own (core, tablet, phone, staff), both languages with
// every key, and templates hold no raw text. A face's code finds its words in its own files or the core's.
import { describe, expect, it } from 'vitest'
import { parse as parseSfc } from 'vue/compiler-sfc'
import { KNOWN_PAYMENT_FAILURES, errorMessageKey, paymentFailureKey } from '@/core/i18n/errors'
import { TABLET_ERRORS, TABLET_ERROR_CODES } from '@/tablet/i18n/errors'

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

/** The top folder of kiosk/src a file belongs to: a face (tablet, staff, phone) or core (db and pwa count as core). */
function faceOf (file: string): string {
  const face = file.replace(/^(\.\.\/)+/, '').split('/')[0]!
  return ['tablet', 'staff', 'phone'].includes(face) ? face : 'core'
}

// A face may split its words into several files per language (the tablet's start words: tablet/i18n/start).
const messageFiles = import.meta.glob<string>('../../../*/i18n/**/*.json', { query: '?raw', import: 'default', eager: true })
const messages = new Map<string, { en: Map<string, string>, zh: Map<string, string> }>()
for (const [file, source] of Object.entries(messageFiles)) {
  const face = faceOf(file)
  const entry = messages.get(face) ?? { en: new Map(), zh: new Map() }
  const language = file.endsWith('/en.json') ? 'en' : 'zh'
  entry[language] = new Map([...entry[language], ...flatten(JSON.parse(source) as Messages)])
  messages.set(face, entry)
}
const core = messages.get('core')!
const en = new Map([...core.en, ...messages.get('tablet')!.en])

function placeholders (message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map(match => match[1]!))].sort()
}

const sources = {
  ...import.meta.glob<string>('../../../*/**/*.vue', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>(['../../../*/**/*.ts', '!../../../**/__tests__/**'], { query: '?raw', import: 'default', eager: true }),
}

describe('i18n messages', () => {
  it('has every key in both languages, none empty, in every face', () => {
    expect([...messages.keys()].sort()).toEqual(['core', 'phone', 'staff', 'tablet'])
    for (const [face, { en: faceEn, zh }] of messages) {
      expect([...zh.keys()].sort(), face).toEqual([...faceEn.keys()].sort())
      for (const [key, text] of [...faceEn, ...zh]) expect(text.trim(), key).not.toBe('')
    }
  })

  it('uses the same placeholders in both languages', () => {
    for (const { en: faceEn, zh } of messages.values()) {
      for (const [key, text] of faceEn) expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('gives every key only one home: a face never repeats a core key', () => {
    for (const [face, { en: faceEn }] of messages) {
      if (face !== 'core') for (const key of faceEn.keys()) expect(core.en.has(key), `${face}: ${key}`).toBe(false)
    }
  })

  it('has a message for every key the code asks for by name, in its own face or the core', () => {
    let count = 0
    for (const [file, source] of Object.entries(sources)) {
      const face = faceOf(file)
      const own = messages.get(face)?.en ?? new Map<string, string>()
      for (const match of [...source.matchAll(/\bt\(\s*'([\w.]+)'/g), ...source.matchAll(/key: '([\w.]+)'/g)]) {
        const key = match[1]!
        // The console's own keys are checked, with their groups, by staff-messages.spec.ts.
        if (face === 'staff' && key.startsWith('console.')) continue
        count += 1
        expect(own.has(key) || core.en.has(key), `${file}: ${key}`).toBe(true)
      }
    }
    expect(count).toBeGreaterThan(50)
  })

  it('has a plain message for every error and payment failure code the tablet knows', () => {
    for (const code of TABLET_ERROR_CODES) expect(en.has(errorMessageKey(TABLET_ERRORS, code)), code).toBe(true)
    for (const code of KNOWN_PAYMENT_FAILURES) expect(core.en.has(paymentFailureKey(code)), code).toBe(true)
    expect(errorMessageKey(TABLET_ERRORS, 'SOMETHING_NEW')).toBe('errors.default')
    expect(errorMessageKey(TABLET_ERRORS, 'HTTP_503')).toBe('errors.SERVER')
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
