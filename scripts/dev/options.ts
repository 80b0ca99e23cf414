/**
 * @module
 * What `npm run dev` (scripts/dev/serve.ts) reads from its arguments and environment, and the port check it makes
 * before starting wrangler.
 */
import { createServer } from 'node:net'

export interface DevOptions {
  port: number
  ip: string
  /** Arguments for wrangler dev besides the port and address. */
  rest: string[]
}

/** Reads the port, the address and the rest of the arguments; throws on a port that is not 1–65535. */
export function devOptions(argv: string[], env: Record<string, string | undefined>): DevOptions {
  let port: string | undefined
  let ip: string | undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    if (flag === '--port' || flag === '--ip') {
      const value = inline ?? argv[++i]
      if (flag === '--port') port = value
      else ip = value
    } else rest.push(a)
  }
  const raw = port ?? env.PORT ?? '8787'
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`the port must be a whole number from 1 to 65535 (got "${raw}")`)
  return { port: n, ip: ip ?? '127.0.0.1', rest }
}

/** Resolves when the port can be listened on; rejects with the system error code (EADDRINUSE, EACCES) otherwise. */
export function checkPort(port: number, ip: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (e: NodeJS.ErrnoException) => reject(e))
    server.listen(port, ip, () => server.close(() => resolve()))
  })
}
