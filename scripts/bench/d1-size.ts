/**
 * @module
 * The size of a local D1 database (scripts/bench/d1.ts), read with Node's SQLite.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { round } from './common'

/**
 * The local D1 database's size: its pages once the write-ahead log is checkpointed (the folder also holds the log,
 * which may repeat the whole database), and the largest tables and indexes (SQLite's dbstat), in MB.
 */
export async function databaseSize(state: string): Promise<{ mb: number; tables: Record<string, number> }> {
  const { DatabaseSync } = await import('node:sqlite')
  const dir = join(state, 'v3/d1/miniflare-D1DatabaseObject')
  const file = (await readdir(dir)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (!file) throw new Error(`no D1 database in ${dir}`)
  const db = new DatabaseSync(join(dir, file))
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const { bytes } = db
      .prepare('SELECT (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS bytes')
      .get() as {
      bytes: number
    }
    const rows = db.prepare('SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name ORDER BY size DESC LIMIT 12').all() as {
      name: string
      size: number
    }[]
    return { mb: round(bytes / 2 ** 20), tables: Object.fromEntries(rows.map((r) => [r.name, round(r.size / 2 ** 20)])) }
  } finally {
    db.close()
  }
}
