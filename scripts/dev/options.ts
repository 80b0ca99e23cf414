/**
 * @module
 * What `npm run dev` (scripts/dev/serve.ts) reads from its arguments and environment, and the port check it makes
 * before starting wrangler.
 */
import { createServer } from 'node:net'
import { parseFlags, UsageError } from '../cli'

export interface DevOptions {
  port: number
  ip: string
  /** Arguments for wrangler dev besides the port and address: the config file, if given. */
  rest: string[]
}

/** How to call it, for the usage line of an error. */
export const DEV_USAGE = 'npm run dev [-- --port <n>] [-- --ip <address>] [-- -c <wrangler config>]   (or PORT=<n> npm run dev)'

/**
 * Reads `--port` (else PORT, else 8787), `--ip` (else 127.0.0.1) and `-c`/`--config` (passed on to wrangler); any other
 * argument is a UsageError (scripts/cli.ts), as is a port that is not a whole number from 1 to 65535.
 */
export function devOptions(args: string[] | undefined, env: Record<string, string | undefined>): DevOptions {
  const flags = parseFlags({ port: { type: 'string' }, ip: { type: 'string' }, config: { type: 'string', short: 'c' } }, args)
  const raw = flags.port ?? env.PORT ?? '8787'
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isInteger(n) || n < 1 || n > 65535)
    throw new UsageError(`the port must be a whole number from 1 to 65535 (got "${raw}")`)
  return { port: n, ip: flags.ip ?? '127.0.0.1', rest: flags.config ? ['--config', flags.config] : [] }
}

/** Resolves when the port can be listened on; rejects with the system error code (EADDRINUSE, EACCES) otherwise. */
export function checkPort(port: number, ip: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (e: NodeJS.ErrnoException) => reject(e))
    server.listen(port, ip, () => server.close(() => resolve()))
  })
}
