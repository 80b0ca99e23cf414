/**
 * @module
 * The size guard of the prebuild: a corpus too large for a bundled Worker is refused with a clear message
 * instead of deploying a Worker that Cloudflare rejects (upload size) or that cannot load its index
 * (128 MB isolate memory, CPU of the first request).
 */

export interface BundleSizes {
  indexBytes: number
  indexGzip: number
  recordsBytes: number
  recordsGzip: number
}

export interface BundleLimits {
  /** Upload budget for the corpus modules, gzip (Cloudflare: 3 MB free, 10 MB paid, for the whole Worker). */
  maxGzipBytes: number
  /** Text the isolate parses on its first request; parsed, it takes about 3–4× this in memory (128 MB limit). */
  maxRawBytes: number
}

const MB = 1024 * 1024

/** Defaults: 10 MB gzip minus room for the code; 24 MB of text parses to roughly 90 MB of heap. */
export const DEFAULT_LIMITS: BundleLimits = { maxGzipBytes: 9.5 * MB, maxRawBytes: 24 * MB }

/** Limits from `--max-gzip-mb` / `--max-raw-mb` (or VERBATIM_MAX_GZIP_MB / VERBATIM_MAX_RAW_MB). */
export function limitsFrom(args: { maxGzipMb?: string; maxRawMb?: string }): BundleLimits {
  const mb = (v: string | undefined, name: string, fallback: number) => {
    if (v === undefined || v === '') return fallback
    const n = Number(v)
    if (!(n > 0)) throw new Error(`${name} must be a positive number of megabytes (got "${v}")`)
    return n * MB
  }
  return {
    maxGzipBytes: mb(args.maxGzipMb, '--max-gzip-mb', DEFAULT_LIMITS.maxGzipBytes),
    maxRawBytes: mb(args.maxRawMb, '--max-raw-mb', DEFAULT_LIMITS.maxRawBytes),
  }
}

const fmt = (n: number) => `${(n / MB).toFixed(1)} MB`

/** Every limit the bundle breaks, as sentences; empty when it fits. */
export function bundleProblems(s: BundleSizes, limits: BundleLimits = DEFAULT_LIMITS): string[] {
  const problems: string[] = []
  const gzip = s.indexGzip + s.recordsGzip
  const raw = s.indexBytes + s.recordsBytes
  if (gzip > limits.maxGzipBytes)
    problems.push(
      `the index and records are ${fmt(gzip)} gzip, over the ${fmt(limits.maxGzipBytes)} budget for the Worker upload (Cloudflare refuses a Worker over 10 MB gzip, 3 MB on the free plan)`,
    )
  if (raw > limits.maxRawBytes)
    problems.push(
      `the index and records are ${fmt(raw)} of text, over the ${fmt(limits.maxRawBytes)} budget the isolate can parse on its first request within 128 MB of memory and the startup time`,
    )
  return problems
}

/** The message the build prints when it refuses a bundle. */
export function refusal(problems: string[], quotes: number): string {
  return [
    `this corpus (${quotes} quotes) is too large for a bundled Worker:`,
    ...problems.map((p) => `  - ${p}`),
    'Serve it from the D1 backend instead (Cloudflare D1 with an FTS5 table: see "Past the bundle: D1" in README.md),',
    'or cut the corpus, or raise the budget knowingly with --max-gzip-mb / --max-raw-mb.',
  ].join('\n')
}
