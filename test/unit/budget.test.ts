import { execFile } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { budgetFailures, profile, type Row } from '../../scripts/bench/report'
import { bundleProblems, DEFAULT_LIMITS, limitsFrom, refusal } from '../../scripts/budget'

const MB = 1024 * 1024
const small = { indexBytes: 3 * MB, indexGzip: 0.9 * MB, recordsBytes: 8 * MB, recordsGzip: 1.3 * MB }

describe('bundle size guard', () => {
  it('passes a 10k-quote sized bundle and refuses one over the gzip or the parse budget', () => {
    expect(bundleProblems(small)).toEqual([])
    expect(bundleProblems({ ...small, recordsGzip: 9 * MB })[0]).toMatch(/9\.9 MB gzip, over the 9\.5 MB budget/)
    expect(bundleProblems({ ...small, indexBytes: 20 * MB })[0]).toMatch(/28\.0 MB of text, over the 24\.0 MB budget/)
    expect(bundleProblems({ ...small, recordsGzip: 9 * MB, indexBytes: 20 * MB })).toHaveLength(2)
  })

  it('reads configurable limits and rejects nonsense', () => {
    expect(limitsFrom({})).toEqual(DEFAULT_LIMITS)
    expect(limitsFrom({ maxGzipMb: '2', maxRawMb: '5' })).toEqual({ maxGzipBytes: 2 * MB, maxRawBytes: 5 * MB })
    expect(bundleProblems(small, limitsFrom({ maxGzipMb: '2' }))).toHaveLength(1)
    expect(() => limitsFrom({ maxGzipMb: 'lots' })).toThrow('--max-gzip-mb must be a positive number of megabytes (got "lots")')
  })

  it('names the D1 backend in the refusal', () => {
    expect(refusal(['x'], 123)).toMatch(/123 quotes.*\n {2}- x\n.*D1 backend/s)
  })

  it('makes the build refuse and write nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'verbatim-guard-'))
    const err = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-index.ts', '--corpus', 'test/unit/fixtures/quotebank', '--out', out, '--max-gzip-mb', '0.0001'],
      { cwd: join(import.meta.dirname, '../..') },
    ).catch((e: { code: number; stderr: string }) => e)
    expect((err as { code: number }).code).toBe(1)
    expect((err as { stderr: string }).stderr).toMatch(
      /too large for a bundled Worker[\s\S]*D1 backend[\s\S]*build refused; nothing was written/,
    )
    expect(await readdir(out)).toEqual([])
  })
})

describe('bench budgets (npm run bench -- --check)', () => {
  const BUDGET = { quotes: 10_000, coldStartMs: 150, coldVsLoadJson: 0.7, p99Ms: 3, overhead: 1.3, overheadPerQuery: 2 }
  const phases = { search: [0.5], names: [0], facets: [0.1], highlight: [0.1], serialisation: [0.1] }
  const query = (app: number[], raw: number[], single: number[]) => profile({ q: 'x', single, app, raw, phases })
  const row = (over: Partial<Row>): Row => ({
    quotes: 10_000,
    build_ms: 1,
    quotes_per_s: 1,
    index_kb: 1,
    index_gzip_kb: 1,
    records_kb: 1,
    records_gzip_kb: 1,
    bundle_kb: 1,
    bundle_gzip_kb: 1,
    ready_ms: 1,
    cold_start_ms: 90,
    cold_worst_ms: 100,
    cold_cpu_ms: 80,
    cold_page_ms: 50,
    load_json_ms: 200,
    load_json_node_ms: 150,
    search_p50_ms: 1,
    search_p99_ms: 2,
    search_mean_ms: 1,
    app_mean_ms: 1,
    floor_ms: 0.1,
    raw_minisearch_mean_ms: 1,
    overhead: 1.2,
    heap_after_load_mb: 1,
    guard_refuses: false,
    per_query: { 'one word': query([0.9, 1.1], [0.6, 0.6], [1, 1, 2]) },
    ...over,
  })

  it('profiles a query type: means, the app’s own work, its ratio to the retrieval and the p99 of single requests', () => {
    expect(query([0.9, 1.1], [0.6, 0.6], [0, 1, 1, 2])).toEqual({
      q: 'x',
      raw: 0.6,
      app: 1,
      extra: 0.4,
      overhead: 1.67,
      phases: { search: 0.5, names: 0, facets: 0.1, highlight: 0.1, serialisation: 0.1 },
      p50: 1,
      p99: 2,
    })
  })

  it('holds when every figure is within its budget', () => {
    expect(budgetFailures(row({}), BUDGET)).toEqual([])
  })

  it('names each broken budget: cold start, its ratio to a raw loadJSON, the mean overhead, a query type’s p99 and overhead', () => {
    const broken = row({
      cold_start_ms: 120,
      cold_worst_ms: 160,
      overhead: 1.3,
      per_query: { phrase: query([2.1], [1], [1, 3]) },
    })
    expect(budgetFailures(broken, BUDGET)).toEqual([
      'cold start 160 ms (slowest query type) ≥ 150 ms',
      'cold start 160 ms (slowest query type) is 0.8× a raw loadJSON (200 ms) > 0.7×',
      'overhead 1.3× ≥ 1.3× on the mean',
      'phrase: p99 3 ms ≥ 3 ms',
      'phrase: overhead 2.1× ≥ 2×',
    ])
  })
})
