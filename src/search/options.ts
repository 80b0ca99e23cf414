/**
 * @module
 * The options module: every tuning knob of verbatim in one place, each with its line of documentation, as MiniSearch
 * keeps its `Options`. The MiniSearch options shared by the prebuild (scripts/build-index.ts) and the Worker
 * (`MiniSearch.loadJSON` must get exactly the options that built the index, so both import this module), the weights
 * and limits both backends read (D1 derives its bm25 weights from FIELD_BOOST), and the sizes of facets, D1's plan,
 * context, the misquote checker, the API rate limit and the backend deadline.
 *
 * The tuning, on purpose:
 * - BM25+ (MiniSearch's scorer) over three fields; a word in the quote text counts twice a word in the
 *   speaker's names, and the quote's context (the article around it, src/search/context.ts) counts little (`boost`).
 * - Very common words (COMMON_WORDS: of, the, and) never decide whether a quote matches when other words remain.
 * - Case, diacritics and apostrophes fold at index and query time alike (`normalizeTerm`): "Es’haq",
 *   "Es'haq" and "ESHAQ" are one term.
 * - Typo tolerance by word length (`typos`): none up to 3 letters, 1 edit up to 7, 2 beyond; the first letter is
 *   kept (the index is in shards by first letter, src/search/shards.ts), as on D1 and PostgreSQL.
 * - Prefix matching on the last word only, and only from 3 letters (`PREFIX_MIN`): "revenge will be tak"
 *   finds "taken" while a one-letter word cannot expand into the whole vocabulary.
 * - Words in "double quotes" are a phrase: exact words, in that order, checked against the quote text.
 * - Unquoted words that stand next to each other in a quote raise it (`PHRASE_BOOST`: ×3 for the
 *   whole query in order, less for some of its word pairs), so a passage from the middle of a quote
 *   finds that quote first.
 * - Speaker names in a query ("khamenei revenge") put that speaker's quotes first (src/search/speakers.ts);
 *   a year ("2019 khamenei") puts quotes dated that year first.
 * - At most `MAX_TERMS` words are searched and fuzzy matching stops at 2 edits, so no query can blow up CPU.
 * - The index holds words as printed (folded), not stems: typos, prefixes, phrases, highlights and the quote
 *   checker compare words. Other forms of a query word ("assassinated" → "assassination") are added at query
 *   time from the build's stem groups (src/search/stems.ts), weighted like a typo.
 *
 * @example
 * const index = new ShardedIndex<QuoteDocument>(indexText, indexOptions) // each shard: MiniSearch.loadJS(…, indexOptions)
 */
import type { Options } from 'minisearch'
import { foldText } from '../text'
import type { QuoteDocument } from '../types'

/** Folds case, diacritics and apostrophe variants so "Es’haq", "Es'haq" and "eshaq" meet. */
export function normalizeTerm(term: string): string {
  return foldText(term)
}

/** Words and numbers; apostrophes inside words stay with the word (enemy’s, Es'haq). */
export const TOKEN = /[\p{L}\p{N}]+(?:['‘’ʼ`´][\p{L}\p{N}]+)*/gu

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/** A word that folds to itself: lower-case ASCII letters and digits (most words of an English corpus). */
const FOLDED = /^[a-z0-9]+$/

/** Words folded lately, per isolate: folding (NFKD, marks, case) costs more than a lookup. Cleared when full. */
const foldedTerms = new Map<string, string | null>()
const FOLD_CACHE = 20_000

/** A word as the index holds it (folded), or null for none; the same at index and query time. */
export function processTerm(term: string): string | null {
  if (FOLDED.test(term)) return term
  let t = foldedTerms.get(term)
  if (t === undefined) {
    const folded = normalizeTerm(term)
    t = folded.length === 0 ? null : folded
    if (foldedTerms.size >= FOLD_CACHE) foldedTerms.clear()
    foldedTerms.set(term, t)
  }
  return t
}

/** The folded words of a text, in order: what the index sees. */
export function foldedWords(text: string): string[] {
  const out: string[] = []
  for (const token of tokenize(text)) {
    const t = processTerm(token)
    if (t) out.push(t)
  }
  return out
}

/** Most words a query may search; the rest are ignored (and reported). */
export const MAX_TERMS = 12
/** Shortest last word that is prefix matched. */
export const PREFIX_MIN = 3
/** Largest edit distance for any word. */
export const MAX_TYPOS = 2
/**
 * Score factor for a quote whose text has all the query's free words side by side, in order. When only
 * some adjacent pairs of query words stand together, the factor is 1 + the share of such pairs (at most 2).
 */
export const PHRASE_BOOST = 3
/**
 * Weight of a match in each field: the quote's words count twice the speaker's names; its context (the article
 * around it and the title, src/search/context.ts) counts little, and a context-only match ranks below every match
 * in the quote's own words anyway.
 */
export const FIELD_BOOST = { text: 2, speaker: 1, context: 0.4 } as const

/** The fields of the quote itself: a match here is `matched_in: "text"`. */
export const QUOTE_FIELDS = ['text', 'speaker']
/** Every indexed field: the quote and its context. */
export const ALL_FIELDS = ['text', 'speaker', 'context']

/**
 * A search widens to the quotes' contexts only while fewer than this many quotes hold its words in their own words
 * (a reading of the query alone, before filters; not for a query with a "quoted phrase", which its quote must hold).
 * A common word ("trump", "said") is found in what thousands of quotes say, and the articles around them added
 * thousands more that rank below every one of those (page 100 and beyond) and filled the facets with speakers who
 * never said the word; on an article corpus they tripled the time of such searches (docs/performance.md).
 */
export const CONTEXT_WIDEN_BELOW = 100

/**
 * Very common English words: in a query with other words they never decide whether a quote matches (and are not
 * highlighted alone); they still count for words side by side (PHRASE_BOOST) and inside "quoted phrases". A query
 * of only such words ("to be or not to be") searches them.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of and or but nor to in on at by for from with without into onto about as than then so if is are was were ' +
    'be been being am do does did done have has had having it its this that these those there here what which who whom ' +
    'whose when where why how i me my we our you your he him his she her they them their will would shall should can ' +
    'could may might must very just also too some any each both more most'
  ).split(' '),
)

/** The words of a query that decide which quotes match: all but the very common ones, unless that leaves none. */
export function decisiveWords(words: string[]): { decisive: string[]; common: string[] } {
  const decisive = words.filter((w) => !COMMON_WORDS.has(w))
  if (decisive.length === 0) return { decisive: words, common: [] }
  return { decisive, common: [...new Set(words.filter((w) => COMMON_WORDS.has(w)))] }
}

/** Allowed edits for a word: 0 up to 3 letters, 1 up to 7, 2 beyond. */
export function typos(term: string): number {
  return term.length <= 3 ? 0 : term.length <= 7 ? 1 : MAX_TYPOS
}

/** Index-time options. Changing them changes the index format: rebuild. */
export const indexOptions: Options<QuoteDocument> = {
  idField: 'id',
  fields: ALL_FIELDS,
  storeFields: [],
  // Searches read the quote's own fields unless they ask for the context too (src/search/search.ts rank).
  searchOptions: { fields: QUOTE_FIELDS },
  tokenize,
  processTerm,
}

/**
 * Shards of the bundled index, by a word's first letter (src/search/shards.ts): a cold isolate's first search loads
 * the shards its words start with. More shards load less at first, but each repeats every quote's field lengths.
 */
export const INDEX_SHARDS = 8

/* The other limits and sizes: ranking, facets, D1's plan, context, the misquote checker, the API and its backends. */

/** Weight of a match on another form of a query word (a stem match), as MiniSearch's default weight of a typo. */
export const FORM_WEIGHT = 0.45

/** Candidates, best first, whose word order is checked for the phrase boost. */
export const BOOST_WINDOW = 500

/** Most values listed per facet (the most frequent; a selected value is always listed). */
export const FACET_LIMIT = 20

/** D1: best matches the facets are counted over (all of them up to this many; beyond, `facets_approximate`). */
export const FACET_SAMPLE = 1_000

/** D1: most matches a search counts (`total` is exact up to this many; beyond, `total_is_exact: false`). */
export const COUNT_CAP = 10_000

/** D1: most matches a search ranks (bm25 for each): a query matching more is ranked among its newest this many. */
export const RANK_CAP = 10_000

/** D1: words in at least this many quotes (and their prefixes) are ranked, counted and faceted in full by the build. */
export const HOT_MIN = RANK_CAP + 1

/** Characters of article text kept on each side of a quote, at most (cut at a word). */
export const CONTEXT_SIDE = 160

/** Sources whose surroundings are kept (the first ones, in the quote's occurrence order). */
export const CONTEXT_SOURCES = 2

/** Characters of context shown in a result's snippet. */
export const SNIPPET_CHARS = 180

/** Most words a claim sent to the misquote checker (/api/verify) may have. */
export const MAX_CLAIM_WORDS = 250

/** Matches the misquote checker reports. */
export const MAX_MATCHES = 5

/** Largest /api/verify request body accepted, in bytes. */
export const MAX_BODY_BYTES = 8 * 1024

/** Seconds in one API rate-limit window: the `period` of API_LIMITER in wrangler.toml (a test reads both). */
export const RATE_LIMIT_PERIOD = 60

/** Longest a request waits for its backend before answering 503 (the Worker's own wall-clock budget is 30 s). */
export const BACKEND_TIMEOUT_MS = 5_000

/** Seconds a client is asked to wait before retrying after a 503. */
export const BACKEND_RETRY_AFTER_S = 10
