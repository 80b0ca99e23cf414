import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildToDir, readCorpusDir } from '../../scripts/build'
import { CorpusError } from '../../scripts/corpus/errors'
import { MAX_SOURCE_BYTES } from '../../scripts/corpus/parse'
import { buildCorpus, type CorpusFile } from '../../scripts/pipeline'
import type { Records } from '../../src/types'

const bytes = (s: string) => new TextEncoder().encode(s)
const GOOD = 'corpus/zz_good.txt'
const good: CorpusFile = { path: GOOD, bytes: bytes('“The bridge will open in May,” said Jane Roe, the mayor.\n') }

/** The CorpusErrors a build rejects with. */
async function buildErrors(files: CorpusFile[]): Promise<CorpusError[]> {
  try {
    await buildCorpus(files)
  } catch (e) {
    expect(e).toBeInstanceOf(AggregateError)
    for (const err of (e as AggregateError).errors) expect(err).toBeInstanceOf(CorpusError)
    return (e as AggregateError).errors as CorpusError[]
  }
  throw new Error('the build did not fail')
}

let real: CorpusFile[]
let tmp: string

beforeAll(async () => {
  real = (await readCorpusDir('corpus')).files
  tmp = await mkdtemp(join(tmpdir(), 'verbatim-build-'))
})
afterAll(() => rm(tmp, { recursive: true, force: true }))

describe('malformed corpus files', () => {
  const cases: [string, Uint8Array, number, RegExp][] = [
    ['corpus/bad_utf8.txt', new Uint8Array([...bytes('Line one.\nLine two '), 0xc3, 0x28, ...bytes(' more.\n')]), 2, /invalid UTF-8/],
    ['corpus/binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 3, /binary data/],
    ['corpus/empty.txt', new Uint8Array(), 1, /the file is empty/],
    ['corpus/blank.txt', bytes('\n \n\t\n'), 1, /no article text/],
    ['corpus/open.md', bytes('---\ntitle: Never closed\n\nBody text.\n'), 1, /never closed/],
    ['corpus/baddate.md', bytes('---\ntitle: T\npublished: 2021-02-30\n---\nBody.\n'), 3, /"published" is not a date: "2021-02-30"/],
    ['corpus/words.md', bytes('---\npublished: last Tuesday\n---\nBody.\n'), 2, /"published" is not a date/],
    ['corpus/emptykey.md', bytes('---\ntitle: ""\n---\nBody.\n'), 2, /"title" is empty/],
    ['corpus/dupkey.md', bytes('---\ntitle: A\ntitle: B\n---\nBody.\n'), 3, /not valid YAML/],
    ['corpus/big.txt', new Uint8Array(MAX_SOURCE_BYTES + 1).fill(0x61), 1, /limit is \d+ bytes/],
  ]

  it.each(cases)('%s is refused with its line and reason', async (path, data, line, reason) => {
    const errors = await buildErrors([good, { path, bytes: data }])
    expect(errors).toHaveLength(1)
    const [err] = errors as [CorpusError]
    expect(err.file).toBe(path)
    expect(err.line).toBe(line)
    expect(err.reason).toMatch(reason)
    expect(err.message).toBe(`${path}:${line}: ${err.reason}`)
  })

  it('refuses two files with the same id (a.txt and a.md), naming both', async () => {
    const errors = await buildErrors([
      { path: 'corpus/a.txt', bytes: bytes('Text one.') },
      { path: 'corpus/a.md', bytes: bytes('Text two.') },
    ])
    expect(errors.map((e) => e.message)).toEqual(['corpus/a.txt:1: duplicate source id "a" (also corpus/a.md): rename one file'])
  })

  it('reports every bad file at once, not just the first', async () => {
    const errors = await buildErrors([good, ...cases.map(([path, data]) => ({ path, bytes: data }))])
    expect(errors.map((e) => e.file).sort()).toEqual(cases.map(([p]) => p).sort())
  })
})

describe('the build writes all or nothing', () => {
  it('refuses a 50 MB file by its size without reading it, and leaves the old output untouched', async () => {
    const corpus = join(tmp, 'corpus-big')
    const out = join(tmp, 'out-big')
    await rm(corpus, { recursive: true, force: true })
    await cp('corpus', corpus, { recursive: true })
    await buildToDir(corpus, out)
    const before = await Promise.all(
      ['index.txt', 'records.txt'].map(async (f) => [await readFile(join(out, f)), (await stat(join(out, f))).mtimeMs]),
    )

    const big = join(corpus, 'huge.txt')
    await writeFile(big, '')
    await truncate(big, 50 * 1024 * 1024) // sparse: reading it would be slow, the size check is not
    await writeFile(join(corpus, 'empty.txt'), '')
    const failed = await buildToDir(corpus, out).then(
      () => null,
      (e: unknown) => e,
    )
    expect(failed).toBeInstanceOf(AggregateError)
    const messages = (failed as AggregateError).errors.map((e: Error) => e.message)
    expect(messages).toEqual([expect.stringMatching(/huge\.txt:1: the file is 52428800 bytes; the limit is \d+ bytes per source$/)])

    // The size check comes first; with the huge file gone the empty one is reported.
    await rm(big)
    const second = await buildToDir(corpus, out).catch((e: AggregateError) => e)
    expect((second as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      expect.stringMatching(/empty\.txt:1: the file is empty$/),
    ])

    const after = await Promise.all(
      ['index.txt', 'records.txt'].map(async (f) => [await readFile(join(out, f)), (await stat(join(out, f))).mtimeMs]),
    )
    expect(after).toEqual(before)
    expect((await readdir(out)).sort()).toEqual(['index.txt', 'records.txt'])
  })

  it('the CLI prints file:line: reason, exits 1 and writes nothing', async () => {
    const corpus = join(tmp, 'corpus-cli')
    const out = join(tmp, 'out-cli')
    await cp('corpus', corpus, { recursive: true })
    await writeFile(join(corpus, 'open.md'), '---\ntitle: x\nBody\n')
    const run = promisify(execFile)('node_modules/.bin/tsx', ['scripts/build-index.ts', '--corpus', corpus, '--out', out])
    const err = (await run.then(
      () => null,
      (e: unknown) => e,
    )) as { code: number; stderr: string } | null
    expect(err?.code).toBe(1)
    expect(err?.stderr).toMatch(/error: .*open\.md:1: front matter opened with --- is never closed/)
    expect(err?.stderr).toContain('build failed (1 problem); nothing was written.')
    await expect(stat(out)).rejects.toThrow(/ENOENT/)
  }, 30_000)
})

describe('deterministic builds', () => {
  it('two builds, and builds over the files in reversed or shuffled order, are byte-identical', async () => {
    const a = await buildCorpus(real)
    const b = await buildCorpus(real)
    const reversed = await buildCorpus([...real].reverse())
    const shuffled = await buildCorpus([...real].sort((x, y) => (x.bytes.length % 7) - (y.bytes.length % 7) || (x.path < y.path ? 1 : -1)))
    for (const other of [b, reversed, shuffled]) {
      expect(other.index).toBe(a.index)
      expect(JSON.stringify(other.records)).toBe(JSON.stringify(a.records))
    }
    expect(a.records.built_from.quotes).toBeGreaterThan(10)
  })

  it('two builds into different folders write the same bytes', async () => {
    const one = join(tmp, 'det-1')
    const two = join(tmp, 'det-2')
    await buildToDir('corpus', one)
    await buildToDir('corpus', two)
    for (const f of ['index.txt', 'records.txt']) expect((await readFile(join(one, f))).equals(await readFile(join(two, f)))).toBe(true)
  })
})

describe('stable quote ids', () => {
  /** Ids of the quotes printed in at least one source other than `changed`. */
  function idsOutside(records: Records, changed: string): Map<string, string> {
    return new Map(records.quotes.filter((q) => q.occurrences.some((o) => o.source !== changed)).map((q) => [q.id, q.text]))
  }

  function expectKept(before: Records, after: Records, changed: string) {
    const kept = idsOutside(before, changed)
    expect(kept.size).toBeGreaterThan(5)
    const now = new Map(after.quotes.map((q) => [q.id, q]))
    for (const [id] of kept) expect(now.has(id), id).toBe(true)
    // Nothing printed elsewhere got a new id either.
    for (const q of after.quotes) if (q.occurrences.some((o) => o.source !== changed)) expect(kept.has(q.id), q.text).toBe(true)
  }

  it('adding an unrelated article leaves every other id unchanged', async () => {
    const before = (await buildCorpus(real)).records
    const added: CorpusFile = {
      path: 'corpus/zz_new.md',
      bytes: bytes('---\ntitle: Bridge\npublished: 2024-05-01\n---\n“We open the bridge today,” said Jane Roe, the mayor.\n'),
    }
    const after = (await buildCorpus([...real, added])).records
    expectKept(before, after, 'zz_new')
    expect(after.quotes.some((q) => q.text.includes('We open the bridge today'))).toBe(true)
  })

  it('removing an article leaves every quote printed elsewhere with its id', async () => {
    const before = (await buildCorpus(real)).records
    const victim = real.find((f) => f.path.endsWith('004_351191b03369d72a.txt')) as CorpusFile
    const after = (await buildCorpus(real.filter((f) => f !== victim))).records
    expect(after.quotes.length).toBeLessThan(before.quotes.length)
    expectKept(before, after, '004_351191b03369d72a')
  })

  it('editing an article (changing its quotes) leaves every other id unchanged', async () => {
    const before = (await buildCorpus(real)).records
    const edited = real.map((f) => {
      if (!f.path.endsWith('001_a7c6a165304438c7.txt')) return f
      const text = new TextDecoder().decode(f.bytes).replace(/[“"]([^”"]{20,}?)[”"]/g, '“Rewritten: $1”')
      return { path: f.path, bytes: bytes(`${text}\n“A brand new sentence was spoken here,” said Jane Roe.\n`) }
    })
    const after = (await buildCorpus(edited)).records
    expect(JSON.stringify(after.quotes)).not.toBe(JSON.stringify(before.quotes))
    expectKept(before, after, '001_a7c6a165304438c7')
  })
})
