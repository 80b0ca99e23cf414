/**
 * build:pg (scripts/pg/build.ts) against a disposable server (./cluster.ts): a streamed build loads the sample
 * corpus; a corpus whose quote id comes twice, in two batches (the loader no longer remembers every id: the server's
 * unique index finds it), fails with the id named and leaves the database with its previous corpus.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BATCH_QUOTES } from '../../scripts/pg/stream'
import { type Cluster, disposableCluster } from './cluster'

const ROOT = resolve(import.meta.dirname, '../..')
let cluster: Cluster
let corpus: string

const build = (url: string, dir?: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/pg/build.ts', '--url', url, ...(dir ? ['--corpus', dir] : [])], {
    cwd: ROOT,
  })

async function quoteCount(): Promise<number> {
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql`SELECT value FROM meta WHERE key = 'count'`
    return Number(row?.value)
  } finally {
    await sql.end()
  }
}

/** A Quotebank line. */
const line = (id: string, i: number) =>
  JSON.stringify({
    quoteID: id,
    quotation: `Words number ${i}.`,
    speaker: 'None',
    qids: [],
    date: '2020-01-01 00:00:00',
    numOccurrences: 1,
    probas: [['None', '1']],
    urls: [`https://a.example/${i}`],
  })

beforeAll(async () => {
  cluster = await disposableCluster()
  await cluster.start()
  corpus = await mkdtemp(join(tmpdir(), 'verbatim-pg-build-'))
}, 120_000)

afterAll(async () => {
  await cluster?.remove()
  if (corpus) await rm(corpus, { recursive: true, force: true })
}, 60_000)

describe('build:pg against a PostgreSQL server', () => {
  it('loads the sample corpus', async () => {
    const { stdout } = await build(cluster.url)
    expect(stdout).toMatch(/: 41 quotes in 4 year partitions/)
    expect(await quoteCount()).toBe(41)
  })

  it('refuses a quote id seen twice in two batches, naming it, and keeps the previous corpus', async () => {
    const lines = Array.from({ length: BATCH_QUOTES + 1 }, (_, i) => line(`q-${i}`, i))
    lines.push(line('q-0', BATCH_QUOTES + 1))
    await writeFile(join(corpus, 'quotes.jsonl'), `${lines.join('\n')}\n`)
    const failed = await build(cluster.url, corpus).catch((e: { stderr: string }) => e)
    expect((failed as { stderr?: string }).stderr).toContain('quote id "q-0" appears twice')
    expect(await quoteCount()).toBe(41)
  })
})
