import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFlags, positiveIntegers, positiveNumber, UsageError } from '../../scripts/cli'

const BUILD_FLAGS = { corpus: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } } as const

/** The UsageError `read` throws, or null. */
function usageError(read: () => unknown): UsageError | null {
  try {
    read()
    return null
  } catch (e) {
    if (e instanceof UsageError) return e
    throw e
  }
}

describe('parseFlags (node:util parseArgs, strict)', () => {
  it('reads --name value, --name=value and boolean flags', () => {
    expect(parseFlags(BUILD_FLAGS, ['--corpus', 'a', '--out=b', '--check'])).toEqual({ corpus: 'a', out: 'b', check: true })
    expect(parseFlags(BUILD_FLAGS, [])).toEqual({})
  })

  it('rejects a misspelt flag, naming it: --corpsu is an error, not ignored', () => {
    const e = usageError(() => parseFlags(BUILD_FLAGS, ['--corpsu', 'corpus']))
    expect(e?.message).toBe("Unknown option '--corpsu'")
  })

  it('rejects a flag without its value and a stray argument, naming them', () => {
    expect(usageError(() => parseFlags(BUILD_FLAGS, ['--corpus']))?.message).toContain('--corpus')
    expect(usageError(() => parseFlags(BUILD_FLAGS, ['corpus']))?.message).toContain("'corpus'")
    expect(usageError(() => parseFlags(BUILD_FLAGS, ['--check=yes']))?.message).toContain('--check')
  })

  it('reads numbers strictly: a flag with a value that is not a positive number is an error naming the flag', () => {
    expect(positiveNumber(undefined, 'duration', 20)).toBe(20)
    expect(positiveNumber('60', 'duration', 20)).toBe(60)
    for (const bad of ['', 'abc', '0', '-5']) expect(usageError(() => positiveNumber(bad, 'duration', 20))?.message).toContain('--duration')
    expect(positiveIntegers(undefined, 'sizes', [1000])).toEqual([1000])
    expect(positiveIntegers('1000,10000', 'sizes', [])).toEqual([1000, 10_000])
    for (const bad of ['1000,', '1000,abc', '10.5', '0'])
      expect(usageError(() => positiveIntegers(bad, 'sizes', []))?.message).toContain('--sizes')
  })
})

describe('the scripts’ command lines', () => {
  const tmp = mkdtemp(join(tmpdir(), 'verbatim-cli-'))
  afterAll(async () => rm(await tmp, { recursive: true, force: true }))

  it('npm run build:index -- --corpsu x exits 2 naming --corpsu, and builds nothing', async () => {
    const out = join(await tmp, 'out')
    const run = promisify(execFile)('node_modules/.bin/tsx', ['scripts/build-index.ts', '--corpsu', 'corpus', '--out', out])
    const err = (await run.then(
      () => null,
      (e: unknown) => e,
    )) as { code: number; stderr: string } | null
    expect(err?.code).toBe(2)
    expect(err?.stderr).toContain("error: Unknown option '--corpsu'")
    expect(err?.stderr).toContain('usage: npm run build:index')
    await expect(stat(out)).rejects.toThrow(/ENOENT/)
  }, 30_000)

  it('no script reads process.argv itself: all go through parseFlags', async () => {
    // scripts/extract/ and scripts/eval* belong to the attribution work and keep their own reading for now.
    const files = (await readdir('scripts', { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join('scripts', f))
    const own = files.filter((f) => !/^scripts\/(extract\/|eval\/|eval\.ts$|cli\.ts$)/.test(f))
    expect(own.length).toBeGreaterThan(10)
    const reading = []
    for (const f of own) if ((await readFile(f, 'utf8')).includes('process.argv')) reading.push(relative('.', f))
    expect(reading, 'these read process.argv: read flags with parseFlags (scripts/cli.ts) instead').toEqual([])
  })
})
