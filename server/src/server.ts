// Runs the server process: configuration, logger, listen, the startup banner and graceful shutdown.
import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig, type AppConfig } from './config.js'
import { buildApp } from './app.js'
import { loggerOptions } from './lib/logger.js'

function readConfig (): AppConfig {
  try {
    return loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      // One clear line naming the variable, and no stack trace: this is a setup mistake, not a bug.
      process.stderr.write(`Configuration error: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}

function banner (config: AppConfig, notes: readonly string[]): string {
  const lines = [
    '',
    `  Tablepad is running — ${config.store.name}`,
    '',
    `  Table tablet:   ${config.publicUrl}/`,
    `  Staff console:  ${config.publicUrl}/staff`,
  ]
  if (config.alipay.mode === 'sandbox-local') lines.push(`  Alipay sandbox: ${config.publicUrl}/sandbox/ (built-in emulator: scan the tablet's QR with a phone on this network, or open this page)`)
  lines.push(`  Data:           ${config.dataDir}`, '')
  for (const note of notes) lines.push(`  ${note}`)
  if (notes.length > 0) lines.push('')
  return lines.join('\n') + '\n'
}

async function main (): Promise<void> {
  const config = readConfig()
  const app = await buildApp({
    config,
    serveKiosk: true,
    // Development and browser tests only: serve a kiosk build from another folder than dist/kiosk.
    ...(process.env.KIOSK_DIST_DIR ? { kioskDir: process.env.KIOSK_DIST_DIR } : {}),
    // JSON lines for the journal or a file; a readable line each when a person watches a terminal.
    logger: loggerOptions({ level: config.logLevel, pretty: process.stdout.isTTY === true }),
  })
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    await app.close()
  })
  await app.listen({ port: config.port, host: config.host })
  process.stdout.write(banner(config, app.startupNotes))
}

main().catch((error: unknown) => {
  process.stderr.write(`Tablepad failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
