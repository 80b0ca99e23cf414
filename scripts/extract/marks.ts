/**
 * @module
 * Finds quotation spans by pairing quote marks. Handles curly and straight marks, British single
 * quotes, apostrophes inside words, nested quotes, and news style's reopened multi-paragraph quotes.
 */

export interface Span {
  /** Index of the opening mark, or -1 when it was missing and the quote was recovered. */
  open: number
  /** Index of the closing mark. */
  close: number
  /** Quote text offsets in the body (marks and edge whitespace/commas excluded). */
  start: number
  end: number
}

type Family = 'double' | 'single'
type Role = 'open' | 'close' | 'either'
interface Mark {
  at: number
  family: Family
  role: Role
  /** Last index of a two-character mark (’’ or ‘‘). */
  end?: number
  /** A closing single mark that may be an apostrophe (players’ union): used only when no other closes. */
  weak?: boolean
}

const LETTER = /[\p{L}\p{N}]/u
const SPACE_OR_OPENER = /[\s([{\u2014\u2013\-/]/
const AFTER_CLOSE = /[\s.,;:!?)\]}\u2014\u2013\-…]/

/** Words that begin with an apostrophe: 'em, 'n', 'til, 'cause, '90s (whole words: 'No and 'Jane open quotes). */
const ELISION = /^(?:(?:em|n|til|cause|tis|twas|bout|round)(?![\p{L}\p{N}])|\d\d?s?\b)/iu

/** Classifies each quote character; apostrophes inside words, elisions and plural possessives are not marks. */
export function scanMarks(body: string): Mark[] {
  const marks: Mark[] = []
  const candidates = /["“”„‘’'«»]/g
  for (let found = candidates.exec(body); found; found = candidates.exec(body)) {
    let i = found.index
    const c = body[i] as string
    // ’’ and '' typed for a closing double mark, ‘‘ and `` for an opening one.
    const pair = body.slice(i, i + 2)
    if (pair === '’’' || pair === "''" || pair === '‘‘') {
      // New York Times copy types '' for both marks: after a space and before a word it opens.
      const opens = pair === '‘‘' || (pair === "''" && SPACE_OR_OPENER.test(body[i - 1] ?? ' ') && /\S/.test(body[i + 2] ?? ' '))
      marks.push({ at: i, end: i + 1, family: 'double', role: opens ? 'open' : 'close' })
      i++
      candidates.lastIndex = i + 1
      continue
    }
    const prev = i > 0 ? (body[i - 1] as string) : ' '
    const next = i + 1 < body.length ? (body[i + 1] as string) : ' '
    // A mark right after another opens only when that one opened too: `,"'` closes two quotes at once.
    const before = i > 1 ? (body[i - 2] as string) : ' '
    const openish = SPACE_OR_OPENER.test(prev) || `“‘«`.includes(prev) || (`"'`.includes(prev) && SPACE_OR_OPENER.test(before))
    const closeish = AFTER_CLOSE.test(next) || `"”’'»`.includes(next)
    if (c === '“' || c === '„' || c === '«') marks.push({ at: i, family: 'double', role: 'open' })
    else if (c === '”' || c === '»') marks.push({ at: i, family: 'double', role: 'close' })
    else if (c === '"')
      marks.push({ at: i, family: 'double', role: openish && !closeish ? 'open' : closeish && !openish ? 'close' : 'either' })
    else if (LETTER.test(prev) && LETTER.test(next))
      continue // enemy’s, O'Neil
    else if (openish && ELISION.test(body.slice(i + 1, i + 6))) {
      // 'em, the '90s; rock 'n' roll: the mark after the n is an apostrophe too, even inside a quote.
      if (/^n['’]\s/i.test(body.slice(i + 1, i + 4))) candidates.lastIndex = i + 3
    } else if (c === '‘') marks.push({ at: i, family: 'single', role: 'open' })
    else if (openish && LETTER.test(next)) marks.push({ at: i, family: 'single', role: 'open' })
    else if (closeish && !openish)
      // "the players’ union": after an s and before a lower-case word, probably a plural possessive.
      marks.push({ at: i, family: 'single', role: 'close', weak: /[sSzZ]/.test(prev) && /^\s+[\p{Ll}\d]/u.test(body.slice(i + 1, i + 4)) })
  }
  return marks
}

/** Where the paragraph holding `from` ends (its line break, or the body's end). */
export function paragraphEnd(body: string, from: number): number {
  const i = body.indexOf('\n', from)
  return i < 0 ? body.length : i
}

/** Where the paragraph holding `at` starts. */
export function paragraphStart(body: string, at: number): number {
  return body.lastIndexOf('\n', at - 1) + 1
}

/**
 * Text between the marks, as printed: punctuation and stray spaces inside the marks are kept (“ Roe’s
 * Harbor ”), line breaks at its ends are not; a span of spaces only is trimmed to nothing.
 */
export function innerSpan(body: string, from: number, to: number): { start: number; end: number } {
  let start = from
  let end = to
  while (start < end && /[\r\n]/.test(body[start] as string)) start++
  while (end > start && /[\r\n]/.test(body[end - 1] as string)) end--
  if (body.slice(start, end).trim() === '') return { start: end, end }
  return { start, end }
}

/** Where the sentence holding `at` begins, not crossing a paragraph break. */
export function sentenceStart(body: string, at: number): number {
  const para = body.lastIndexOf('\n', at - 1) + 1
  const before = body.slice(para, at)
  const re =
    /(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Jr|Sr|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|No|Inc|Co|vs|U\.S|U\.K|U\.N))[.!?]["”’]?\s+(?=["“‘]?[A-Z]|$)/g
  let start = 0
  for (let m = re.exec(before); m; m = re.exec(before)) start = m.index + m[0].length
  return para + start
}

/** A closing mark with no opening one, followed by "he said": the opening mark was lost. */
const ORPHAN_ATTRIBUTION =
  /^[,.]?\s*[”"]?\s*,?\s*(?:(?:he|she|they|it|[A-Z][\p{L}’'-]+(?:\s+[A-Z][\p{L}’'-]+){0,3})\s+(?:said|says|added|noted|stated|told|wrote|continued|explained|declared)|(?:said|says|added|noted|stated|told|wrote)\s+(?:the\s+)?[\p{L}])/u

/** Another closing mark of the same family later in the paragraph: the weak one was an apostrophe. */
function strongCloseBefore(marks: Mark[], weak: Mark, limit: number): boolean {
  return marks.some((o) => o.at > weak.at && o.at < limit && o.family === weak.family && o.role !== 'open')
}

/**
 * A quote introduced by a colon (`said: 'This incident …`) whose closing mark the outlet left off:
 * when its paragraph ends a sentence and the next paragraph does not reopen the quote, the quote
 * ends with the paragraph. Other unclosed marks stay unbalanced and yield nothing.
 */
function unclosedAtParagraphEnd(body: string, open: Mark, paragraph: number): Span | null {
  if (!/:\s*$/.test(body.slice(Math.max(0, open.at - 3), open.at))) return null
  const close = paragraphEnd(body, paragraph)
  if (!/[.!?…]$/.test(body.slice(paragraph, close).trimEnd())) return null
  const { start, end } = innerSpan(body, open.at + 1, close)
  return end - start > 20 ? { open: open.at, close, start, end } : null
}

/** Pairs marks into quotation spans. */
export function findQuotations(body: string): Span[] {
  const spans: Span[] = []
  let open: Mark | null = null
  /** Where the paragraph that the pending quote is currently in begins. */
  let paragraph = 0
  const marks = scanMarks(body)
  for (const m of marks) {
    if (open && m.at > paragraphEnd(body, paragraph)) {
      // News style leaves the mark off a continued paragraph and reopens the next one.
      const lineStart = body.lastIndexOf('\n', m.at) + 1
      const reopens = m.family === open.family && m.role !== 'close' && body.slice(lineStart, m.at).trim() === ''
      if (reopens) {
        paragraph = m.at
        continue
      }
      const recovered = unclosedAtParagraphEnd(body, open, paragraph)
      if (recovered) spans.push(recovered)
      open = null // unbalanced: never swallow the rest of the article
    }
    if (open && open.family !== m.family) continue // a quote inside the quote
    if (!open) {
      if (m.role === 'open' || (m.role === 'either' && m.family === 'double')) {
        open = m
        paragraph = m.at
      } else if (m.family === 'double' && ORPHAN_ATTRIBUTION.test(body.slice(m.at + 1, m.at + 80))) {
        const { start, end } = innerSpan(body, sentenceStart(body, m.at), m.at)
        if (end - start > 20) spans.push({ open: -1, close: m.at, start, end })
      }
      continue
    }
    if (m.role === 'close' && m.weak && strongCloseBefore(marks, m, paragraphEnd(body, m.at))) continue
    if (m.role === 'open') {
      open = m // the earlier mark was unbalanced
      paragraph = m.at
      continue
    }
    const { start, end } = innerSpan(body, (open.end ?? open.at) + 1, m.at)
    if (end > start) spans.push({ open: open.at, close: m.end ?? m.at, start, end })
    open = null
  }
  const recovered = open && unclosedAtParagraphEnd(body, open, paragraph)
  if (recovered) spans.push(recovered)
  return spans
}
