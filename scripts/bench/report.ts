/**
 * @module
 * The bundle bench's figures (scripts/bench/run.ts): one row per corpus size, a profile per query type (where a
 * request's time goes: the retrieval MiniSearch does, then the app's own work phase by phase), the tables printed
 * from them and the budgets checked on them. Pure: no I/O.
 */
import type { Phase } from '../../src/search/search'
import { mean, quantile, round } from './common'

/** Phases of a search request, in table order (src/search/search.ts `Lap`). */
export const PHASES: Phase[] = ['search', 'names', 'facets', 'highlight', 'serialisation']

/** Budgets checked by `npm run bench -- --check`. */
export interface Budget {
  quotes: number
  coldStartMs: number
  coldVsLoadJson: number
  p99Ms: number
  overhead: number
  overheadPerQuery: number
}

/** One query type at one size: means in ms, p50/p99 in whole ms. */
export interface QueryProfile {
  q: string
  /** The MiniSearch calls the app makes for it, replayed on the same index in the same isolate (workerd, batched). */
  raw: number
  /** The whole request through the app (workerd, batched, interleaved with `raw`). */
  app: number
  /** app − raw: the app's own work. */
  extra: number
  /** app / raw. */
  overhead: number
  /** Where the app's time goes (Node, the app's own profiler); `search` includes the retrieval. */
  phases: Record<Phase, number>
  /** Single requests in workerd. */
  p50: number
  p99: number
  /** A fresh isolate's first request of this type: wall (ms) and workerd's CPU (ms, 10 ms steps), medians. */
  cold?: { wall: number; cpu: number }
}

/** Times of one query type, as measured (ms). */
export interface QueryTimes {
  q: string
  /** Single requests in workerd. */
  single: number[]
  /** Batch means in workerd. */
  raw: number[]
  app: number[]
  /** Per request, per phase, in Node. */
  phases: Record<Phase, number[]>
}

export function profile(t: QueryTimes): QueryProfile {
  const phases = Object.fromEntries(PHASES.map((p) => [p, round(mean(t.phases[p]), 3)])) as Record<Phase, number>
  const app = mean(t.app)
  const raw = mean(t.raw)
  return {
    q: t.q,
    raw: round(raw, 3),
    app: round(app, 3),
    extra: round(app - raw, 3),
    overhead: raw > 0 ? round(app / raw, 2) : Number.NaN,
    phases,
    p50: round(quantile(t.single, 0.5), 2),
    p99: round(quantile(t.single, 0.99), 2),
  }
}

export interface Row {
  quotes: number
  build_ms: number
  quotes_per_s: number
  index_kb: number
  index_gzip_kb: number
  records_kb: number
  records_gzip_kb: number
  bundle_kb: number
  bundle_gzip_kb: number
  ready_ms: number
  /** First search of a fresh isolate (records and the shards it needs parsed on the way): median over the query types. */
  cold_start_ms: number
  /** The slowest query type's first search (each type's median). */
  cold_worst_ms: number
  /** workerd's CPU for a first search, median over the query types (10 ms steps): steady on a busy machine. */
  cold_cpu_ms: number
  /** First quote page of a fresh isolate (records only). */
  cold_page_ms: number
  /**
   * The cold start's yardstick: a fresh isolate's first request doing a raw `MiniSearch.loadJSON` of an index with
   * every word (a Worker of its own, timed as the cold starts are: wall, median).
   */
  load_json_ms: number
  /** The same loadJSON in Node, warm (the median of 3 in one process): for comparison with earlier runs. */
  load_json_node_ms: number
  search_p50_ms: number
  search_p99_ms: number
  search_mean_ms: number
  app_mean_ms: number
  /** Mean of a request that searches nothing (a quote by id, JSON): the routing, validation and headers every request pays. */
  floor_ms: number
  raw_minisearch_mean_ms: number
  overhead: number
  heap_after_load_mb: number
  /** Whether `npm run build:index` with the default size guard refuses this corpus. */
  guard_refuses: boolean
  per_query: Record<string, QueryProfile>
}

const mb = (k: number) => (k >= 1024 ? `${round(k / 1024, 1)} MB` : `${k} KB`)

/** The size table: one line per corpus size. */
export function sizeTable(rows: Row[]): string[] {
  const lines = [
    '| quotes | build | index raw / gzip | records raw / gzip | Worker upload raw / gzip | cold start: search (slowest type, CPU) / quote page | raw loadJSON, every word: cold isolate (Node, warm) | search p50 / p99 | mean: app / raw MiniSearch | overhead | floor: quote by id | heap after load | build guard |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|',
  ]
  for (const r of rows)
    lines.push(
      `| ${r.quotes.toLocaleString('en')} | ${round(r.build_ms / 1000, 1)} s | ${mb(r.index_kb)} / ${mb(r.index_gzip_kb)} | ${mb(r.records_kb)} / ${mb(r.records_gzip_kb)} | ${mb(r.bundle_kb)} / ${mb(r.bundle_gzip_kb)} | ${r.cold_start_ms} (${r.cold_worst_ms}, ${r.cold_cpu_ms}) / ${r.cold_page_ms} ms | ${r.load_json_ms} (${r.load_json_node_ms}) ms | ${r.search_p50_ms} / ${r.search_p99_ms} ms | ${r.app_mean_ms} / ${r.raw_minisearch_mean_ms} ms | ${r.overhead}× | ${r.floor_ms} ms | ${r.heap_after_load_mb} MB | ${r.guard_refuses ? 'refused: use D1' : 'ok'} |`,
    )
  return lines
}

/** The profile table: one line per size and query type, the app's time split into its phases (means, ms). */
export function profileTable(rows: Row[]): string[] {
  const lines = [
    '| quotes | query | raw MiniSearch | app | app’s own work | overhead | p50 / p99 | cold start (CPU) | search | names | facets | highlight | serialisation |',
    '|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows)
    for (const [name, p] of Object.entries(r.per_query))
      lines.push(
        `| ${r.quotes.toLocaleString('en')} | ${name} \`${p.q.replaceAll('|', '\\|')}\` | ${p.raw} | ${p.app} | ${p.extra} | ${p.overhead}× | ${p.p50} / ${p.p99} | ${p.cold ? `${Math.round(p.cold.wall)} (${Math.round(p.cold.cpu)})` : '–'} | ${p.phases.search} | ${p.phases.names} | ${p.phases.facets} | ${p.phases.highlight} | ${p.phases.serialisation} |`,
      )
  return lines
}

/** Every budget this row breaks, as a sentence each (none: the budgets hold). */
export function budgetFailures(r: Row, budget: Budget): string[] {
  const f: string[] = []
  // The slowest query type's first search must hold both.
  if (r.cold_worst_ms >= budget.coldStartMs) f.push(`cold start ${r.cold_worst_ms} ms (slowest query type) ≥ ${budget.coldStartMs} ms`)
  const ratio = round(r.cold_worst_ms / r.load_json_ms, 2)
  if (ratio > budget.coldVsLoadJson)
    f.push(
      `cold start ${r.cold_worst_ms} ms (slowest query type) is ${ratio}× a raw loadJSON (${r.load_json_ms} ms) > ${budget.coldVsLoadJson}×`,
    )
  if (r.overhead >= budget.overhead) f.push(`overhead ${r.overhead}× ≥ ${budget.overhead}× on the mean`)
  for (const [name, p] of Object.entries(r.per_query)) {
    if (p.p99 >= budget.p99Ms) f.push(`${name}: p99 ${p.p99} ms ≥ ${budget.p99Ms} ms`)
    if (p.overhead >= budget.overheadPerQuery) f.push(`${name}: overhead ${p.overhead}× ≥ ${budget.overheadPerQuery}×`)
  }
  return f
}
