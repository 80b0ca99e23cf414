/**
 * @module
 * `npm run dev`: `wrangler dev` on a port of your choice, offline. The port comes from `--port <n>` (or `--port=<n>`),
 * else the PORT environment variable, else 8787; the address from `--ip`, else 127.0.0.1; `-c` names another wrangler
 * config (`npm run dev:d1`). Any other argument is an error that names it (scripts/cli.ts). A port already in use stops with one line, before wrangler starts.
 * Wrangler is told not to fetch the `Request.cf` object from the network (CLOUDFLARE_CF_FETCH_ENABLED=false: it uses
 * built-in placeholder values) nor to send metrics, unless the environment says otherwise.
 *
 * @example
 * PORT=18787 npm run dev
 * npm run dev -- --port 18787
 */
import { spawn } from 'node:child_process'
import { readFlags } from '../cli'
import { checkPort, DEV_USAGE, devOptions } from './options'

async function main(): Promise<void> {
  const options = readFlags(DEV_USAGE, () => devOptions(undefined, process.env))
  const { port, ip, rest } = options
  try {
    await checkPort(port, ip)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${code ?? (e as Error).message})`
    const other = port === 65535 ? port - 1 : port + 1
    console.error(`verbatim: port ${port} on ${ip} ${why}; choose another: PORT=${other} npm run dev, or npm run dev -- --port ${other}.`)
    process.exit(1)
  }
  const child = spawn('wrangler', ['dev', '--ip', ip, '--port', String(port), ...rest], {
    stdio: 'inherit',
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', ...process.env },
    shell: process.platform === 'win32',
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

await main()
