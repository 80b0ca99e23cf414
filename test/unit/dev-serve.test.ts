import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../scripts/cli'
import { checkPort, devOptions } from '../../scripts/dev/options'

describe('npm run dev options', () => {
  it('takes the port from --port, --port=, then PORT, then 8787', () => {
    expect(devOptions(['--port', '18787'], {}).port).toBe(18787)
    expect(devOptions(['--port=18788'], { PORT: '1' }).port).toBe(18788)
    expect(devOptions([], { PORT: '18789' }).port).toBe(18789)
    expect(devOptions([], {})).toEqual({ port: 8787, ip: '127.0.0.1', rest: [] })
  })

  it('passes the wrangler config on, and names any other argument as an error', () => {
    expect(devOptions(['-c', 'wrangler.d1.toml', '--port', '9000', '--ip', '0.0.0.0'], {})).toEqual({
      port: 9000,
      ip: '0.0.0.0',
      rest: ['--config', 'wrangler.d1.toml'],
    })
    expect(() => devOptions(['--prot', '9000'], {})).toThrow(UsageError)
    expect(() => devOptions(['--prot', '9000'], {})).toThrow(/--prot/)
  })

  it.each(['0', '70000', 'abc', '80.5', ''])('refuses the port %j', (port) => {
    expect(() => devOptions(['--port', port], {})).toThrow(/port must be a whole number from 1 to 65535/)
  })

  it('finds a port in use before wrangler starts', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await expect(checkPort(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' })
    await new Promise((r) => server.close(r))
    await expect(checkPort(port, '127.0.0.1')).resolves.toBeUndefined()
  })
})
