import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

/** Every .ts/.tsx file under these folders, relative to the repository root. */
function sources(...folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => relative(ROOT, join(e.parentPath, e.name))),
  )
}

/** The files a module imports or re-exports from (relative specifiers; `import type` included: a cycle of types is still a knot). */
function importGraph(files: string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const deps: string[] = []
    for (const m of read(file).matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const target = normalize(join(dirname(file), m[1] as string))
      const hit = [`${target}.ts`, `${target}.tsx`].find((t) => known.has(t))
      if (hit) deps.push(hit)
    }
    graph.set(file, deps)
  }
  return graph
}

/** The import cycles of a graph, each as the files around it (the first one repeated at the end). */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const found: string[][] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') found.push([...stack.slice(stack.indexOf(dep)), dep])
      else if (!state.has(dep)) visit(dep)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('the module graph', () => {
  it('finds a cycle when there is one (the check can fail)', () => {
    const files = { 'a.ts': "import { b } from './b'", 'b.ts': "import type { C } from './c'", 'c.ts': "export { a } from './a'" }
    const graph = importGraph(Object.keys(files), (f) => files[f as keyof typeof files])
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })

  it('has no import cycle in src/ or scripts/, type imports included', () => {
    const files = sources('src', 'scripts')
    expect(files.length).toBeGreaterThan(100)
    expect(cycles(importGraph(files, (f) => readFileSync(join(ROOT, f), 'utf8')))).toEqual([])
  })
})
