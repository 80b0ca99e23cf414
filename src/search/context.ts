/**
 * @module
 * A quote's context: what surrounds it in the articles that print it (the sentence before, the rest of its own
 * sentences, the sentence after) and those articles' titles. Both backends index it as a low-weight field, so a
 * topic ("bridge") finds the quotes about it even when the speaker never says the word; a match in the quote's own
 * words always ranks above a context-only match (src/search/search.ts, src/search/d1.ts).
 *
 * Built by the prebuild for the index and the D1 table, and again by the bundled Worker for the snippet it shows,
 * from the same bodies and offsets: the two always agree. Short on purpose (CONTEXT_SIDE, CONTEXT_SOURCES): the
 * index carries it, and the bundle has a size budget (scripts/budget.ts).
 *
 * @example
 * quoteContext(quote, (id) => corpus.sources.get(id))
 * // "Bridge closed for a year — The city shut the bridge on Monday. … Traffic moved to the ring road."
 */
import { escapeHtml } from '../text'
import type { Quote, Source } from '../types'
import { COMMON_WORDS, CONTEXT_SIDE, CONTEXT_SOURCES, processTerm, SNIPPET_CHARS, TOKEN } from './options'

/** Highlight markers: private-use characters, untouched by HTML escaping (see markedHtml). */
export const OPEN = '\uE000'
export const CLOSE = '\uE001'

/** Where a sentence ends: . ! ? (maybe closed by a quote mark or bracket) before white space, or a blank line. */
const SENTENCE_END = /[.!?]["”’»)\]]*\s+|\n\s*\n/g

/** The sentence starts of the bodies read last: a page of context matches reads a few articles, often the same. */
const startsOf = new Map<string, number[]>()
const STARTS_KEPT = 32

/** Sentence starts in a body: 0 and the index after every sentence end (kept for the last STARTS_KEPT bodies). */
function sentenceStarts(body: string): number[] {
  let starts = startsOf.get(body)
  if (starts) return starts
  starts = [0]
  for (const m of body.matchAll(SENTENCE_END)) starts.push((m.index ?? 0) + m[0].length)
  if (startsOf.size >= STARTS_KEPT) startsOf.clear()
  startsOf.set(body, starts)
  return starts
}

/** The last start at or before `at`. */
function startBefore(starts: number[], at: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((starts[mid] as number) <= at) lo = mid
    else hi = mid - 1
  }
  return starts[lo] as number
}

/** Where `text` ends without its last word and the space before it (as replacing /\s*\S*$/ would, in one pass back). */
function lastWordCut(text: string): number {
  let at = text.length
  while (at > 0 && !/\s/.test(text[at - 1] as string)) at--
  while (at > 0 && /\s/.test(text[at - 1] as string)) at--
  return at
}

/** Collapses white space and trims. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim()

/**
 * The article text around one printing: from the start of the sentence before the quote's to the quote, and from the
 * quote to the end of the sentence after; each side at most CONTEXT_SIDE characters, cut at a word.
 */
export function surroundings(body: string, start: number, end: number): { before: string; after: string } {
  const starts = sentenceStarts(body)
  const own = startBefore(starts, start)
  const from = own > 0 ? startBefore(starts, own - 1) : 0
  let before = body.slice(Math.max(from, start - CONTEXT_SIDE), start)
  if (start - CONTEXT_SIDE > from) before = before.replace(/^\S*\s*/, '')
  const next = starts.findIndex((s) => s > end)
  const to = next < 0 ? body.length : ((starts[next + 1] as number | undefined) ?? body.length)
  let after = body.slice(end, Math.min(to, end + CONTEXT_SIDE))
  if (end + CONTEXT_SIDE < to) after = after.slice(0, lastWordCut(after))
  // The quote's own marks belong to it, not to its surroundings.
  return { before: squeeze(before).replace(/\s*["“‘'«]+$/, ''), after: squeeze(after).replace(/^["”’'»]+\s*/, '') }
}

/**
 * A quote's context as one line: for its first CONTEXT_SOURCES sources with a body, the title, then the text before
 * and after the quote ("Title — before … after"). Sources known only by URL (Quotebank) add nothing: their title is
 * the URL. Empty when no source has a body.
 */
export function quoteContext(quote: Pick<Quote, 'occurrences'>, sourceOf: (id: string) => Source | undefined): string {
  const parts: string[] = []
  const seen = new Set<string>()
  for (const o of quote.occurrences) {
    if (seen.has(o.source) || seen.size >= CONTEXT_SOURCES) continue
    const source = sourceOf(o.source)
    if (!source || source.body === '' || o.end > source.body.length) continue
    seen.add(o.source)
    const { before, after } = surroundings(source.body, o.start, o.end)
    const around = [before, after].filter(Boolean).join(' … ')
    parts.push([squeeze(source.title), around].filter(Boolean).join(' — '))
  }
  return parts.join(' | ')
}

/**
 * Where the words whose folded form is one of `terms` stand in `text`: [start, end) offsets, in order. A very common
 * word (COMMON_WORDS) counts only beside other marked words that include an uncommon one ("leave the region"), never
 * alone, unless every term is a common word ("to be or not to be").
 */
export function markedSpans(text: string, terms: Iterable<string>): [number, number][] {
  const wanted = terms instanceof Set ? (terms as Set<string>) : new Set(terms)
  if (wanted.size === 0) return []
  const tokens: { at: number; end: number; hit: boolean; common: boolean }[] = []
  for (const m of text.matchAll(TOKEN)) {
    const term = processTerm(m[0])
    const at = m.index ?? 0
    tokens.push({ at, end: at + m[0].length, hit: term !== null && wanted.has(term), common: term !== null && COMMON_WORDS.has(term) })
  }
  let uncommon = false
  for (const t of wanted) if (!COMMON_WORDS.has(t)) uncommon = true
  if (uncommon)
    for (let i = 0; i < tokens.length; ) {
      let j = i
      let allCommon = true
      while (j < tokens.length && tokens[j]?.hit) {
        if (!tokens[j]?.common) allCommon = false
        j++
      }
      if (j === i) {
        i++
        continue
      }
      if (allCommon) for (let k = i; k < j; k++) (tokens[k] as { hit: boolean }).hit = false
      i = j
    }
  const spans: [number, number][] = []
  for (const t of tokens) if (t.hit) spans.push([t.at, t.end])
  return spans
}

/** `text` with OPEN/CLOSE around every word of `markedSpans`. */
export function markTerms(text: string, terms: Iterable<string>): string {
  let out = ''
  let last = 0
  for (const [at, end] of markedSpans(text, terms)) {
    out += `${text.slice(last, at)}${OPEN}${text.slice(at, end)}${CLOSE}`
    last = end
  }
  return out + text.slice(last)
}

/** HTML-escaped text with each word of `markedSpans` in <mark>: markedHtml(text, markTerms(text, terms)).html in one pass. */
export function highlightHtml(text: string, terms: Iterable<string>): string {
  // As markedHtml: a text holding the markers itself gets no marks.
  if (text.includes(OPEN) || text.includes(CLOSE)) return escapeHtml(text)
  let html = ''
  let last = 0
  for (const [at, end] of markedSpans(text, terms)) {
    html += `${escapeHtml(text.slice(last, at))}<mark>${escapeHtml(text.slice(at, end))}</mark>`
    last = end
  }
  return html + escapeHtml(text.slice(last))
}

/**
 * Text marked with OPEN/CLOSE as HTML: every piece escaped, and each whole word a mark touches in its own <mark>, as
 * the bundle marks words (D1's FTS5 marks a phrase as one span and a possessive's stem without its "’s"). If the
 * markers do not strip back to exactly `text`, or do not pair up, no marks are shown. Also returns the marked words,
 * folded.
 */
export function markedHtml(text: string, marked: string | null | undefined): { html: string; terms: string[] } {
  const plain = { html: escapeHtml(text), terms: [] as string[] }
  if (typeof marked !== 'string' || marked.replaceAll(OPEN, '').replaceAll(CLOSE, '') !== text) return plain
  // The marked ranges of `text`.
  const ranges: [number, number][] = []
  let at = 0
  let open = -1
  for (const piece of marked.split(/([\uE000\uE001])/)) {
    if (piece === OPEN) {
      if (open >= 0) return plain
      open = at
    } else if (piece === CLOSE) {
      if (open < 0) return plain
      ranges.push([open, at])
      open = -1
    } else at += piece.length
  }
  if (open >= 0) return plain
  let html = ''
  let last = 0
  let r = 0
  const terms = new Set<string>()
  for (const word of text.matchAll(TOKEN)) {
    const start = word.index
    const end = start + word[0].length
    while (r < ranges.length && (ranges[r] as [number, number])[1] <= start) r++
    if (r === ranges.length || (ranges[r] as [number, number])[0] >= end) continue
    html += `${escapeHtml(text.slice(last, start))}<mark>${escapeHtml(word[0])}</mark>`
    last = end
    const t = processTerm(word[0])
    if (t) terms.add(t)
  }
  return { html: html + escapeHtml(text.slice(last)), terms: [...terms] }
}

/** The window of a marked text a snippet shows: [from, to) in `marked`, never inside a mark (snippetHtml). */
function snippetWindow(marked: string): [number, number] {
  const first = marked.indexOf(OPEN)
  let from = Math.max(0, first - Math.floor(SNIPPET_CHARS / 3))
  let to = Math.min(marked.length, from + SNIPPET_CHARS)
  // Never cut inside a mark: move the ends out of any open one.
  const insideMark = (at: number) => marked.lastIndexOf(OPEN, at - 1) > marked.lastIndexOf(CLOSE, at - 1)
  while (from > 0 && insideMark(from)) from--
  while (to < marked.length && insideMark(to)) to++
  if (from > 0) {
    const space = marked.slice(from, first).search(/\s/)
    from = space >= 0 ? from + space + 1 : first
  }
  if (to < marked.length) {
    const space = marked.lastIndexOf(' ', to)
    if (space > first && !insideMark(space)) to = space
  }
  return [from, to]
}

/** A window's HTML with "…" where text was left out. */
const framed = (marked: string, [from, to]: [number, number], html: string) =>
  `${from > 0 ? '…' : ''}${html}${to < marked.length ? '…' : ''}`

/**
 * A window of about SNIPPET_CHARS characters of marked text around its first mark, cut at words outside marks, with
 * "…" where text was left out; as HTML (markedHtml). Null when nothing is marked.
 */
export function snippetHtml(text: string, marked: string | null | undefined): string | null {
  if (typeof marked !== 'string' || !marked.includes(OPEN)) return null
  const checked = markedHtml(text, marked)
  if (checked.terms.length === 0) return null
  const [from, to] = snippetWindow(marked)
  const window = marked.slice(from, to)
  const plainWindow = window.replaceAll(OPEN, '').replaceAll(CLOSE, '')
  return framed(marked, [from, to], markedHtml(plainWindow, window).html)
}

/**
 * snippetHtml(text, markTerms(text, terms)) in one pass over the text: the marks markTerms makes are whole words, so
 * the window's HTML is its pieces escaped with each mark a <mark>, without reading the words again. The bundle's
 * context snippets (a page of context matches made twenty).
 */
export function termsSnippetHtml(text: string, terms: Iterable<string>): string | null {
  if (text.includes(OPEN) || text.includes(CLOSE)) return snippetHtml(text, markTerms(text, terms))
  const marked = markTerms(text, terms)
  if (!marked.includes(OPEN)) return null
  const [from, to] = snippetWindow(marked)
  let html = ''
  for (const piece of marked.slice(from, to).split(/([\uE000\uE001])/))
    html += piece === OPEN ? '<mark>' : piece === CLOSE ? '</mark>' : escapeHtml(piece)
  return framed(marked, [from, to], html)
}
