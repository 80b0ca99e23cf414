/**
 * @module
 * The bundled index in shards by a word's first letter, each loaded on first use: a cold isolate's first search loads
 * the shards its words start with, not the whole vocabulary. MiniSearch's load costs per word (its radix tree and a map
 * per word: three quarters of `loadJSON` at 10k quotes), so one shard of eight loads in about a tenth of the time.
 *
 * Each shard is a whole MiniSearch index (`MiniSearch.loadJS` with the build's `indexOptions`) over every quote, that
 * holds only the words starting with its letters (scripts/shards.ts cuts them from the built index). Every quote's field
 * lengths and the number of quotes are the same in every shard (stored once in the text, parsed once, shared by the
 * shards, which are only ever searched), so a word scores in its shard exactly as in one index.
 * `ShardedIndex.search` takes MiniSearch's queries and options and answers as `MiniSearch.search`:
 * - a query whose words all start with the letters of one shard is that shard's own search;
 * - any other query is searched word by word, each in its shard, and the results combined as MiniSearch combines them
 *   (OR adds the scores, AND keeps the quotes found by both and adds them, AND_NOT removes; then the score is
 *   multiplied by the number of query words a quote matched).
 * One difference from a single index, on purpose and as D1 and PostgreSQL have it: a typo is looked for among the words
 * with the same first letter ("chamenei" does not reach "khamenei").
 *
 * The text (index.txt) is one header line, `{"format":"verbatim-shards/1","documentCount":…,"common":…,"shards":
 * [{"initials":"amiu","length":…},…]}`, then the serialised index without its words (`common` UTF-16 code units long),
 * then each shard's words (the serialised `index` entries whose word starts with its initials), back to back.
 */
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch'

export const SHARDS_FORMAT = 'verbatim-shards/1'

export interface ShardsHeader {
  format: typeof SHARDS_FORMAT
  documentCount: number
  /** Length of the serialised index without its words, right after the header line. */
  common: number
  /** Each shard's first letters (one code point each, as `initialOf` gives them) and the length of its JSON. */
  shards: { initials: string; length: number }[]
}

/** The first letter of a word, the shard key: its first code point. */
export function initialOf(term: string): string {
  const code = term.codePointAt(0)
  return code === undefined ? '' : String.fromCodePoint(code)
}

type Raw = Map<unknown, { score: number; terms: string[]; match: SearchResult['match'] }>
type Combine = 'or' | 'and' | 'and_not'

/** MiniSearch's combinators, as MiniSearch applies them (the first result set is updated in place). */
const combinators: Record<Combine, (a: Raw, b: Raw) => Raw> = {
  or: (a, b) => {
    for (const [id, hit] of b) {
      const existing = a.get(id)
      if (!existing) a.set(id, hit)
      else {
        existing.score += hit.score
        Object.assign(existing.match, hit.match)
        for (const t of hit.terms) if (!existing.terms.includes(t)) existing.terms.push(t)
      }
    }
    return a
  },
  and: (a, b) => {
    const out: Raw = new Map()
    for (const [id, hit] of b) {
      const existing = a.get(id)
      if (!existing) continue
      for (const t of hit.terms) if (!existing.terms.includes(t)) existing.terms.push(t)
      out.set(id, { score: existing.score + hit.score, terms: existing.terms, match: Object.assign(existing.match, hit.match) })
    }
    return out
  },
  and_not: (a, b) => {
    for (const id of b.keys()) a.delete(id)
    return a
  },
}

/** The quotes still possible in an answer. */
type Within = { has(id: unknown): boolean }

/**
 * A query read once, as MiniSearch reads it: each word with the options MiniSearch gives it, under the combinations
 * that join the words; each node knows its longest word (in Zipf's law, likely the rarest).
 */
type Plan =
  | { word: string; i: number; terms: string[]; o: Resolved; longest: number }
  | { combineWith: string | undefined; parts: Plan[]; longest: number }

/** The first letters of a plan's words. */
function initialsOf(plan: Plan, into: Set<string>): Set<string> {
  if ('word' in plan) into.add(initialOf(plan.word))
  else for (const p of plan.parts) initialsOf(p, into)
  return into
}

/**
 * Combines parts as MiniSearch combines its results, in the same order (so the scores add up to the same bits). Under
 * AND, the part with the longest word is read first and the others only about the quotes it found; under AND_NOT, the
 * parts after the first only about the quotes still in: the result is the same.
 */
function combineEach(parts: Plan[], combineWith: string | undefined, within: Within | undefined, run: (p: Plan, w?: Within) => Raw): Raw {
  if (parts.length === 0) return new Map()
  const op = (combineWith ?? 'or').toLowerCase() as Combine
  const combinator = combinators[op]
  if (!combinator) throw new Error(`Invalid combination operator: ${combineWith}`)
  if (op === 'and' && parts.length > 1) {
    const first = parts.reduce((best, p) => (p.longest > best.longest ? p : best))
    const found = run(first, within)
    return parts.map((p) => (p === first ? found : run(p, found))).reduce(combinator)
  }
  let result = run(parts[0] as Plan, within)
  for (let k = 1; k < parts.length; k++) result = combinator(result, run(parts[k] as Plan, op === 'or' ? within : result))
  return result
}

const byScore = (a: SearchResult, b: SearchResult) => b.score - a.score
const asIs = (term: string) => term
const asOneWord = (text: string) => [text]

type Resolved = SearchOptions & Required<Pick<Options, 'tokenize' | 'processTerm'>>

export class ShardedIndex<T = unknown> {
  readonly documentCount: number
  /** Each first letter's shard number. */
  private readonly shardOf = new Map<string, number>()
  /** Each shard's words (JSON), and the shard once loaded. */
  private readonly texts: string[] = []
  private readonly loaded: (MiniSearch<T> | undefined)[] = []
  private readonly commonText: string
  private common: Omit<AsPlainObject, 'index'> | undefined

  /** Reads the header; no shard is parsed until a search needs it. Throws a SyntaxError on a text that is not shards. */
  constructor(
    text: string,
    private readonly options: Options<T>,
  ) {
    const newline = text.indexOf('\n')
    const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as ShardsHeader
    if (header?.format !== SHARDS_FORMAT) throw new SyntaxError(`index: not a ${SHARDS_FORMAT} text`)
    this.documentCount = header.documentCount
    let at = newline + 1 + header.common
    this.commonText = text.slice(newline + 1, at)
    for (const { initials, length } of header.shards) {
      for (const initial of initials) this.shardOf.set(initial, this.texts.length)
      this.texts.push(text.slice(at, at + length))
      at += length
    }
  }

  /** How many shards have been loaded so far (of `shardCount`). */
  get loadedCount(): number {
    return this.loaded.filter(Boolean).length
  }

  get shardCount(): number {
    return this.texts.length
  }

  /** The shard holding the words that start with `initial`, loaded on first use; none when no word does. */
  private shard(initial: string): MiniSearch<T> | undefined {
    const n = this.shardOf.get(initial)
    return n === undefined ? undefined : this.load(n)
  }

  private load(n: number): MiniSearch<T> {
    let index = this.loaded[n]
    if (!index) {
      this.common ??= JSON.parse(this.commonText) as Omit<AsPlainObject, 'index'>
      index = MiniSearch.loadJS<T>({ ...this.common, index: JSON.parse(this.texts[n] as string) }, this.options)
      this.loaded[n] = index
    }
    return index
  }

  /** Loads every shard now (what a search of every letter would): for measuring the whole index's memory. */
  loadAll(): void {
    for (let n = 0; n < this.texts.length; n++) this.load(n)
  }

  /** As `MiniSearch.search` on one index of every word (wildcard queries aside), typos kept to the word's first letter. */
  search(query: Query, searchOptions: SearchOptions = {}): SearchResult[] {
    const global = { ...this.options.searchOptions, ...searchOptions }
    const plan = this.plan(query, searchOptions)
    const initials = initialsOf(plan, new Set())
    if (initials.size <= 1) {
      const [initial] = initials
      return (initial !== undefined && this.shard(initial)?.search(query, searchOptions)) || []
    }
    const results: SearchResult[] = []
    for (const [id, { score, terms, match }] of this.execute(plan)) {
      const result: SearchResult = { id, score: score * (terms.length || 1), terms: Object.keys(match), queryTerms: terms, match }
      if (global.filter == null || global.filter(result)) results.push(result)
    }
    return results.sort(byScore)
  }

  /** The options MiniSearch uses for a text query: the index's tokenizer and term processing, its search options, these. */
  private resolve(options: SearchOptions): Resolved {
    const { tokenize, processTerm } = this.options
    return { tokenize, processTerm, ...this.options.searchOptions, ...options } as Resolved
  }

  /** Reads a query as MiniSearch's `executeQuery` does: its words, their options and how they combine. */
  private plan(query: Query, options: SearchOptions): Plan {
    if (query === MiniSearch.wildcard) throw new Error('ShardedIndex: wildcard queries are not supported')
    if (typeof query !== 'string') {
      const inner = { ...options, ...query, queries: undefined }
      const parts = query.queries.map((q) => this.plan(q, inner))
      return { combineWith: inner.combineWith, parts, longest: Math.max(0, ...parts.map((p) => p.longest)) }
    }
    const o = this.resolve(options)
    const terms = o
      .tokenize(query)
      .flatMap((t) => o.processTerm(t))
      .filter((t): t is string => Boolean(t))
    const parts = terms.map((word, i) => ({ word, i, terms, o, longest: word.length }))
    return { combineWith: o.combineWith, parts, longest: Math.max(0, ...terms.map((t) => t.length)) }
  }

  /**
   * MiniSearch's combination of results: each word searched in its shard, the results combined as the plan says.
   * `within`: only these quotes can still be in the answer (an AND above has dropped the others), so no other is scored.
   */
  private execute(plan: Plan, within?: Within): Raw {
    if ('word' in plan) return this.word(plan, within)
    return combineEach(plan.parts, plan.combineWith, within, (p, w) => this.execute(p, w))
  }

  /** One word's matches in its shard (with its typos and prefix as MiniSearch would give them), by id. */
  private word({ word: term, i, terms, o }: Extract<Plan, { word: string }>, within?: Within): Raw {
    const out: Raw = new Map()
    const index = this.shard(initialOf(term))
    if (!index) return out
    const fuzzy = typeof o.fuzzy === 'function' ? o.fuzzy(term, i, terms) : o.fuzzy || false
    const prefix = typeof o.prefix === 'function' ? o.prefix(term, i, terms) : o.prefix === true
    const boost = typeof o.boostTerm === 'function' ? o.boostTerm(term, i, terms) : 1
    // MiniSearch skips a quote whose boostDocument is 0: outside `within`, nothing is scored.
    const boostDocument = o.boostDocument
    const only: SearchOptions['boostDocument'] = within
      ? (id, t, stored) => (within.has(id) ? (boostDocument ? boostDocument(id, t, stored) : 1) : 0)
      : boostDocument
    const options: SearchOptions = {
      ...o,
      tokenize: asOneWord,
      processTerm: asIs,
      fuzzy,
      prefix,
      boostTerm: () => boost,
      boostDocument: only,
      combineWith: 'or',
      // Each match is taken as MiniSearch builds it and none is kept in its list: nothing to sort.
      filter: (r) => {
        // One query word: MiniSearch's score is the raw score (multiplied by one matched word).
        out.set(r.id, { score: r.score, terms: [term], match: r.match })
        return false
      },
    }
    index.search(term, options)
    return out
  }
}
