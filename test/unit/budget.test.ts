import { execFile } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
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
