/**
 * @module
 * The PostgreSQL connection of a request, through the Hyperdrive binding (wrangler.pg.toml: `HYPERDRIVE`), with
 * postgres.js under `nodejs_compat`. Workers cannot share a socket between requests, so each request opens its own
 * client on first use (Hyperdrive keeps the pool to the database: opening one is cheap), and the runtime closes its
 * socket when the request ends (src/search/pg-socket.ts is the socket). Statements are unnamed (`prepare: false`, as Hyperdrive's transaction pooling wants),
 * with every value bound: `sql.unsafe(text, values)` sends `text` with $1… placeholders and the values apart.
 */
import postgres from 'postgres'
import type { Sql } from './pg-plan'
import { type SocketOptions, workerSocket } from './pg-socket'

/** Seconds to open a connection before the request gives up (the backend's own deadline is src/search/unavailable.ts). */
const CONNECT_TIMEOUT_S = 4

const clients = new WeakMap<object, postgres.Sql>()

/** The client of this request (`key`: the request), opened on first use. */
function clientFor(key: object, connectionString: string): postgres.Sql {
  let client = clients.get(key)
  if (!client) {
    client = postgres(connectionString, {
      max: 1,
      fetch_types: false,
      prepare: false,
      connect_timeout: CONNECT_TIMEOUT_S,
      onnotice: () => {},
      // Its own socket: postgres.js's rethrows a closed connection's read error as an unhandled rejection.
      socket: (options: unknown) => workerSocket(options as SocketOptions),
    } as postgres.Options<Record<string, never>>)
    clients.set(key, client)
  }
  return client
}

/** The Sql function of src/search/pg-plan.ts over this request's client. */
export function pgSql(key: object, connectionString: string): Sql {
  return async <T>(text: string, values: (string | number | null)[] = []) =>
    (await clientFor(key, connectionString).unsafe(text, values)) as unknown as T[]
}
