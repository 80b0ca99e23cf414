/**
 * @module
 * The TCP socket postgres.js uses in the Worker (its `socket` option), over `cloudflare:sockets`. The same shape as
 * postgres.js's own Workers socket (an EventEmitter with write, end and destroy, and raw/reader/writer for its
 * STARTTLS upgrade), with one difference: an error after the connection was closed or given up is dropped instead of
 * emitted to no listener. postgres.js 3.4.9's socket rethrows it from its read loop as an unhandled rejection
 * ("This socket has been closed") whenever a connection ends, times out or is cancelled.
 */
import { connect } from 'cloudflare:sockets'

/** Node's Buffer, a global under nodejs_compat (postgres.js reads the protocol with its methods). */
const { Buffer } = globalThis as unknown as { Buffer: { from(bytes: Uint8Array): Uint8Array } }

type Listener = (...args: unknown[]) => void

/** The part of Node's EventEmitter postgres.js uses on a socket. */
class Emitter {
  #listeners = new Map<string, { fn: Listener; once: boolean }[]>()
  on(event: string, fn: Listener, once = false): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), { fn, once }])
    return this
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn, true)
  }
  removeListener(event: string, fn: Listener): this {
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((l) => l.fn !== fn),
    )
    return this
  }
  removeAllListeners(event?: string): this {
    if (event === undefined) this.#listeners.clear()
    else this.#listeners.delete(event)
    return this
  }
  listenerCount(event: string): number {
    return this.#listeners.get(event)?.length ?? 0
  }
  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.#listeners.get(event) ?? []
    this.#listeners.set(
      event,
      listeners.filter((l) => !l.once),
    )
    for (const l of listeners) l.fn(...args)
    return listeners.length > 0
  }
}

/** What postgres.js passes its `socket` option: the hosts and ports of the connection string, and its TLS mode. */
export interface SocketOptions {
  host: string[]
  port: number[]
  ssl?: unknown
}

type State = 'opening' | 'open' | 'upgrading' | 'closed'

/** Opens a connection to the first host of `options`; resolves once it is open, rejects when it is refused. */
export async function workerSocket(options: SocketOptions): Promise<Emitter> {
  const host = options.host[0] ?? '127.0.0.1'
  const port = options.port[0] ?? 5432
  const tls = Boolean(options.ssl) && options.ssl !== 'disable'
  const raw = connect({ hostname: host, port }, { secureTransport: tls ? 'starttls' : 'off', allowHalfOpen: false })
  const tcp = Object.assign(new Emitter(), {
    readyState: 'opening' as State,
    raw,
    writer: raw.writable.getWriter(),
    reader: raw.readable.getReader(),
    write(data: Uint8Array, cb?: () => void) {
      tcp.writer.write(data).then(cb, fail)
      return true
    },
    end(data?: Uint8Array) {
      if (data) tcp.write(data, () => closeRaw())
      else closeRaw()
    },
    destroy() {
      tcp.end()
    },
    read,
  })

  function closeRaw() {
    tcp.raw.close().catch(() => {})
  }

  function close() {
    if (tcp.readyState === 'closed') return
    tcp.readyState = 'closed'
    tcp.emit('close')
  }

  /** An error while open goes to postgres.js; after close, or with nobody listening, it has nowhere to go. */
  function fail(err: unknown) {
    if (tcp.readyState !== 'closed' && tcp.listenerCount('error') > 0) tcp.emit('error', err)
    close()
  }

  /** Reads until the connection closes (postgres.js calls `read` again after a STARTTLS upgrade). */
  async function read() {
    try {
      for (;;) {
        const { done, value } = await tcp.reader.read()
        if (done) break
        tcp.emit('data', Buffer.from(value))
      }
    } catch (err) {
      fail(err)
    }
  }

  /** Before STARTTLS only the server's one-byte answer is read, so the reader can be released for the upgrade. */
  async function readFirst() {
    try {
      const { value } = await tcp.reader.read()
      if (value) tcp.emit('data', Buffer.from(value))
    } catch (err) {
      fail(err)
    }
  }

  raw.closed.then(
    () => {
      if (tcp.readyState !== 'upgrading') close()
    },
    (err: unknown) => fail(err),
  )
  await raw.opened
  tcp.readyState = 'open'
  void (tls ? readFirst() : read())
  return tcp
}
