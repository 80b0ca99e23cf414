/**
 * @module
 * The D1 bench Worker (scripts/bench/d1.ts): the bench Worker of scripts/bench/worker.ts, plus a route that answers
 * one request with a D1 binding that sums what D1 bills, `meta.rows_read` and `meta.rows_written` over every
 * statement the request ran (batches included). D1 bills rows read, so this is the price of a search.
 */
import { benchWorker } from './worker'

interface App {
  fetch(request: Request, env?: unknown, ctx?: unknown): Response | Promise<Response>
}

/** The part of D1's binding this wrapper touches (scripts are typed for Node, not workerd). */
interface Meta {
  rows_read?: number
  rows_written?: number
}
interface Statement {
  bind(...values: unknown[]): Statement
  all(): Promise<{ results: unknown[]; meta: Meta }>
  run(): Promise<{ meta: Meta }>
  raw(options?: unknown): Promise<unknown[]>
}
interface Database {
  prepare(sql: string): Statement
  batch(statements: Statement[]): Promise<{ meta: Meta }[]>
  exec(sql: string): Promise<unknown>
  dump(): Promise<ArrayBuffer>
  withSession(constraint?: string): unknown
}

/** What a request cost in D1. */
export interface RowsRead {
  rows_read: number
  rows_written: number
  statements: number
  /** Rows read by each statement, with the start of its SQL (most first). */
  by_statement?: { sql: string; rows_read: number }[]
}

/**
 * A D1 binding that adds each result's meta to `cost`. Statements are wrapped (the real one kept aside for batch);
 * `first()` is answered from `all()` so that its rows count too; `raw()` has no meta and is passed through uncounted.
 */
export function countingDb(db: Database, cost: RowsRead): Database {
  const real = new WeakMap<object, Statement>()
  const sqlOf = new WeakMap<object, string>()
  const add = <T extends { meta: Meta }>(r: T, sql = ''): T => {
    cost.by_statement?.push({ sql: sql.slice(0, 160), rows_read: r.meta.rows_read ?? 0 })
    cost.rows_read += r.meta.rows_read ?? 0
    cost.rows_written += r.meta.rows_written ?? 0
    cost.statements += 1
    return r
  }
  const wrap = (s: Statement, sql: string): Statement => {
    const w: Statement & { first(column?: string): Promise<unknown> } = {
      bind: (...values: unknown[]) => wrap(s.bind(...values), sql),
      all: async () => add(await s.all(), sql),
      run: async () => add(await s.run(), sql),
      raw: (options?: unknown) => s.raw(options),
      async first(column?: string) {
        const row = (add(await s.all(), sql).results[0] ?? null) as Record<string, unknown> | null
        return column === undefined || row === null ? row : (row[column] ?? null)
      },
    }
    real.set(w, s)
    sqlOf.set(w, sql)
    return w
  }
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: async (statements: Statement[]) =>
      (await db.batch(statements.map((s) => real.get(s) ?? s))).map((r, i) => add(r, sqlOf.get(statements[i] as object))),
    exec: (sql: string) => db.exec(sql),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c),
  }
}

/**
 * benchWorker(app) and `/__bench/rows?path=…`: that request's D1 cost, counted with countingDb. One counting binding
 * per real one, so what the app caches per binding (the build id) stays cached as in production.
 */
export function d1BenchWorker(app: App) {
  const base = benchWorker(app)
  const counted = new WeakMap<Database, { db: Database; cost: RowsRead }>()
  return {
    async fetch(request: Request, env: { DB: Database }, ctx: unknown): Promise<Response> {
      const url = new URL(request.url)
      if (url.pathname !== '/__bench/rows') return base.fetch(request, env, ctx)
      let c = counted.get(env.DB)
      if (!c) {
        const cost: RowsRead = { rows_read: 0, rows_written: 0, statements: 0 }
        c = { db: countingDb(env.DB, cost), cost }
        counted.set(env.DB, c)
      }
      Object.assign(c.cost, { rows_read: 0, rows_written: 0, statements: 0, by_statement: [] })
      const path = url.searchParams.get('path') ?? '/'
      const res = await app.fetch(new Request(new URL(path, url)), { ...env, DB: c.db }, ctx)
      await res.arrayBuffer()
      c.cost.by_statement?.sort((a, b) => b.rows_read - a.rows_read)
      return Response.json({ status: res.status, ...c.cost })
    },
  }
}
