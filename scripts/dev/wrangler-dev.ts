/**
 * @module
 * Starts `wrangler dev` on free loopback ports (HTTP and inspector, so parallel runs never collide),
 * waits until it answers, and stops its whole process group. Used by the browser tests and `npm run load`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs} ms:\n${log()}`)
}

export interface DevServer {
  baseUrl: string
  /** The process group id (wrangler's pid): workerd runs inside it. */
  pgid: number
  stop(): Promise<void>
}

/**
 * `wrangler dev` for a config (default wrangler.toml), with another entry module than its `main` when `script` is
 * given; resolves once `readyPath` answers 2xx.
 */
export async function startWranglerDev(
  options: { config?: string; script?: string; readyPath?: string; timeoutMs?: number } = {},
): Promise<DevServer> {
  const port = await freePort()
  const inspector = await freePort()
  const args = ['dev', ...(options.script ? [options.script] : [])]
  args.push('--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--log-level', 'warn')
  if (options.config) args.push('--config', options.config)
  let output = ''
  const child = spawn('node_modules/.bin/wrangler', args, {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops workerd.
    detached: true,
  })
  const keep = (d: Buffer) => {
    output = (output + d).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, sig)
      } catch {
        // already gone
      }
    }
  }
  const stop = async () => {
    signal('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    signal('SIGKILL')
  }
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${baseUrl}${options.readyPath ?? '/api/stats'}`, child, () => output, options.timeoutMs ?? 60_000)
  } catch (e) {
    await stop()
    throw e
  }
  return { baseUrl, pgid: child.pid as number, stop }
}
