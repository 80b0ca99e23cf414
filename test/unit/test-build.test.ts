/**
 * `npm test` builds into its own folder (test/generated/) and never into the one `npm run dev` serves
 * (src/generated/): a test run under a running dev server must not swap the corpus it serves.
 */
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts

/**
 * The shell commands `npm run <name>` runs: its pre-script's, then its own, each `npm run x [-- args]` expanded
 * the same way (args appended to x's last command).
 */
function commands(name: string): string[] {
  const own = scripts[name]
  if (own === undefined) throw new Error(`no npm script "${name}"`)
  const pre = scripts[`pre${name}`]
  return [...(pre === undefined ? [] : [pre]), own].flatMap((script) =>
    script.split('&&').flatMap((part) => {
      const command = part.trim()
      const run = /^npm run ([\w:-]+)(?: -- (.*))?$/.exec(command)
      if (!run) return [command]
      const inner = commands(run[1] as string)
      if (run[2]) inner[inner.length - 1] += ` ${run[2]}`
      return inner
    }),
  )
}

/** The build scripts that write generated files, and the folder each writes without --out (read from the script). */
const BUILDERS = ['scripts/build-index.ts', 'scripts/d1/build.ts'].map((path) => {
  const fallback = /flags\.out \?\? '([^']+)'/.exec(read(path))?.[1]
  if (!fallback) throw new Error(`${path}: no default output folder found`)
  return { path, fallback }
})

/** Where each build command of an npm script writes. */
function outputs(name: string): string[] {
  return commands(name).flatMap((command) => {
    const builder = BUILDERS.find((b) => command.includes(b.path))
    if (!builder) return []
    const out = /--out[ =](\S+)/.exec(command)?.[1] ?? builder.fallback
    return [resolve(ROOT, out)]
  })
}

/** The folder the Worker entry bundles its index from: what `npm run dev` serves. */
function servedFolder(): string {
  const imported = /from '\.\/(generated)\/index\.txt'/.exec(read('src/index.ts'))?.[1]
  if (!imported) throw new Error('src/index.ts no longer imports ./generated/index.txt')
  return resolve(ROOT, 'src', imported)
}

const inside = (path: string, folder: string) => !relative(folder, path).startsWith('..')

describe('the test build', () => {
  it('npm run dev builds into the folder it serves (what the next test guards)', () => {
    expect(outputs('dev')).toEqual([servedFolder()])
  })

  it('npm test builds the index, the D1 migrations and the fixtures, none into the folder npm run dev serves', () => {
    const written = outputs('test')
    expect(written.map((w) => relative(ROOT, w))).toEqual(['test/generated', 'test/generated/d1', 'test/fixtures/generated/hostile'])
    for (const folder of written) expect(inside(folder, servedFolder()), folder).toBe(false)
  })

  it('builds the test corpus from corpus/, whatever CORPUS_DIR a developer set for npm run dev', () => {
    const builds = commands('test').filter((c) => BUILDERS.some((b) => c.includes(b.path)))
    expect(builds).toHaveLength(3)
    for (const command of builds) expect(command).toMatch(/--corpus \S+/)
  })

  it('serves the browser tests src/index.ts itself, only reading the test build instead of src/generated', () => {
    const code = (path: string) =>
      read(path)
        .replace(/\/\*\*[\s\S]*?\*\/\n/, '')
        .replace(/'(?:\.\.\/)+src\//g, "'./")
        .replace(/'\.\.\/generated\//g, "'./generated/")
    expect(code('test/fixtures/app.worker.ts')).toBe(code('src/index.ts'))
    expect(read('test/browser/global-setup.ts')).toContain(
      "startWranglerDev({ config: 'wrangler.toml', script: 'test/fixtures/app.worker.ts' })",
    )
  })
})
