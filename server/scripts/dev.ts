// `npm run dev`: the API server with reload on change, and Vite's dev server for the kiosk (proxied /api).
import { spawn, type ChildProcess } from 'node:child_process'

const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/src/server.ts'], { stdio: 'inherit', env: { ...process.env, HOST: process.env.HOST ?? '127.0.0.1' } }),
  spawn('npx', ['vite', '--host'], { stdio: 'inherit' }),
]

function stopAll (): void {
  for (const child of children) child.kill('SIGTERM')
}

for (const child of children) {
  child.on('exit', (code) => {
    stopAll()
    process.exitCode = code ?? 0
  })
}
process.on('SIGINT', stopAll)
process.on('SIGTERM', stopAll)
