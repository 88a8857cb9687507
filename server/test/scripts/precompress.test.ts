// The build step writing .br and .gz beside the kiosk's text files.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { precompressDir } from '../../scripts/precompress.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fakeDist (): string {
  const dir = mkdtempSync(join(tmpdir(), 'tablepad-precompress-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'assets', 'staff'), { recursive: true })
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><title>Tablepad</title>'.repeat(20),
    'sw.js': 'self.addEventListener("fetch", () => {})\n'.repeat(30),
    'manifest.webmanifest': '{"name":"Tablepad"}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'assets/index-abc123.js': 'export const menu = []\n'.repeat(100),
    'assets/index-abc123.css': 'body{margin:0}\n'.repeat(100),
    'assets/staff/tiny-def456.css': 'a{}',
    'pwa-192x192.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  }
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

describe('precompressDir', () => {
  it('writes brotli and gzip copies of every text file, nested ones and tiny ones included, and nothing for pictures', async () => {
    const dir = fakeDist()
    const done = await precompressDir(dir)
    const texts = ['index.html', 'sw.js', 'manifest.webmanifest', 'favicon.svg', 'assets/index-abc123.js', 'assets/index-abc123.css', 'assets/staff/tiny-def456.css']
    expect(done.map(file => file.path).sort()).toEqual(texts.map(name => join(dir, name)).sort())
    for (const name of texts) {
      const original = readFileSync(join(dir, name))
      expect(brotliDecompressSync(readFileSync(join(dir, `${name}.br`))).equals(original), name).toBe(true)
      expect(gunzipSync(readFileSync(join(dir, `${name}.gz`))).equals(original), name).toBe(true)
    }
    expect(existsSync(join(dir, 'pwa-192x192.png.br'))).toBe(false)
    expect(existsSync(join(dir, 'pwa-192x192.png.gz'))).toBe(false)
    const js = done.find(file => file.path.endsWith('.js') && file.path.includes('assets'))!
    expect(js.br).toBeLessThan(js.bytes / 5)
  })

  it('can run again over its own output without compressing the copies', async () => {
    const dir = fakeDist()
    const first = await precompressDir(dir)
    const second = await precompressDir(dir)
    expect(second.length).toBe(first.length)
    expect(existsSync(join(dir, 'sw.js.br.br'))).toBe(false)
    expect(existsSync(join(dir, 'sw.js.gz.gz'))).toBe(false)
  })
})
