/**
 * Global setup of the worker-pg project: starts the local PostgreSQL when it is not running
 * (scripts/pg/server.sh: installs Debian's postgresql-15 if missing, as root) and loads the sample corpus into it
 * (`npm run build:pg`), so `npm test` runs the Worker tests against a real server, locally as in CI. Also opens a
 * loopback port that accepts connections and never answers, for the fault tests (a hung database).
 */
import { execFileSync } from 'node:child_process'
import { createServer, type Socket } from 'node:net'
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

const ROOT = resolve(import.meta.dirname, '../..')

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync('bash', ['scripts/pg/server.sh', 'start'], { cwd: ROOT, stdio: 'inherit' })
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pg/build.ts'], { cwd: ROOT, stdio: 'inherit' })
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
  const address = silent.address()
  if (address === null || typeof address === 'string') throw new Error('the silent server has no port')
  project.provide('silentPostgresPort', address.port)
  return async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((done) => silent.close(() => done()))
  }
}
