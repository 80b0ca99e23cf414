/**
 * @module
 * A disposable PostgreSQL of the stop test's own: scripts/pg/server.sh (Debian's binaries, root handled) with its
 * cluster in a temporary folder and a free loopback port, so stopping it never touches the shared server on 54329
 * that the worker-pg project uses at the same time.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from '../../scripts/dev/wrangler-dev'
import { LOCAL_PORT } from '../../scripts/pg/local'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')

export interface Cluster {
  /** Its connection string (database `verbatim`, trust authentication). */
  url: string
  /** Starts it (initdb on first start) and waits until it accepts connections. */
  start(): Promise<void>
  /** `pg_ctl stop -m immediate`: every connection cut at once, as when the server crashes or its machine goes. */
  kill(): Promise<void>
  /** Stops it if running and deletes its folder. */
  remove(): Promise<void>
}

export async function disposableCluster(): Promise<Cluster> {
  const port = await freePort()
  if (port === LOCAL_PORT) throw new Error(`port ${port} is the shared server's`)
  const dir = await mkdtemp(join(tmpdir(), 'verbatim-pg-node-'))
  const env = { ...process.env, VERBATIM_PG_DATA: join(dir, 'data'), VERBATIM_PG_PORT: String(port) }
  const server = (command: string) => run('bash', ['scripts/pg/server.sh', command], { cwd: ROOT, env }).then(() => undefined)
  return {
    url: `postgres://postgres:verbatim@127.0.0.1:${port}/verbatim`,
    start: () => server('start'),
    kill: () => server('kill'),
    remove: async () => {
      await server('kill')
      await rm(dir, { recursive: true, force: true })
    },
  }
}
