/**
 * @module
 * Where the local PostgreSQL of `npm run dev:pg`, the tests and the bench listens (scripts/pg/server.sh starts it):
 * loopback, a fixed port away from the default 5432, trust authentication (the password, which Hyperdrive's binding
 * requires in a connection string, is not checked), database `verbatim`. wrangler.pg.toml's
 * localConnectionString is the same URL.
 */
export const LOCAL_PORT = 54329
export const LOCAL_URL = `postgres://postgres:verbatim@127.0.0.1:${LOCAL_PORT}/verbatim`
