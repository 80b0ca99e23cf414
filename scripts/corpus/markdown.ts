/**
 * @module
 * A Markdown article as plain text, at build time only (mdast-util-from-markdown: CommonMark, no extensions).
 * Headings, emphasis, links, lists, block quotes and code keep their words and lose their syntax; a link's URL,
 * an image, link definitions and thematic breaks are not text. Raw HTML stays, as text: an article's words never
 * vanish, and the pages show it escaped. Blocks (paragraphs, headings, list items, code) are joined by one blank
 * line, so `text.split('\n\n')` gives them back; `headings` says which of them are headings. `pieces` maps every character of the text to where it stands in the Markdown, so offsets in the text
 * can be read against the original file (the PolNeAR gold refers to it).
 */
import type { ListItem, Nodes, PhrasingContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'

/**
 * Text `[at, at + length)` was taken from Markdown `[from, from + span)`: character for character when `exact`
 * (then span = length), else as a whole (escapes or entities changed the characters) and mapped in proportion.
 */
export interface Piece {
  at: number
  length: number
  from: number
  span: number
  exact: boolean
}

export interface PlainText {
  text: string
  /** Indexes, ascending, of the blocks of `text.split('\n\n')` that are headings. */
  headings: number[]
  /** Ascending by `at`; the blank lines between blocks belong to no piece. */
  pieces: Piece[]
}

/** Block separator of the plain text; never inside a block. */
const BLOCK_BREAK = '\n\n'

interface Builder {
  markdown: string
  blocks: { text: string; pieces: Piece[]; heading: boolean }[]
  /** The block being written. */
  text: string
  pieces: Piece[]
}

/** Appends `value`, taken from Markdown `[start, end)`: line by line where the lines can be found there, else in proportion. */
function append(b: Builder, raw: string, from: number, end: number): void {
  // A blank line inside a block (code, or a break followed by a line break) would split it when read back: one
  // line break stands for it.
  let value = raw.replace(/\n{2,}/g, '\n')
  let start = from
  if (value.startsWith('\n') && b.text.endsWith('\n')) {
    value = value.slice(1)
    start = Math.min(start + 1, end)
  }
  if (value === '') return
  const source = b.markdown.slice(start, end)
  if (source === value) {
    b.pieces.push({ at: b.text.length, length: value.length, from: start, span: value.length, exact: true })
    b.text += value
    return
  }
  // Soft line breaks inside a block quote or list item: the value drops the "> " or indentation of each line.
  let cursor = 0
  const lines = value.split('\n')
  lines.forEach((line, i) => {
    const found = line === '' ? -1 : source.indexOf(line, cursor)
    if (found >= 0) {
      b.pieces.push({ at: b.text.length, length: line.length, from: start + found, span: line.length, exact: true })
      cursor = found + line.length
    } else if (line !== '') {
      const lineEnd = source.indexOf('\n', cursor)
      const span = (lineEnd < 0 ? source.length : lineEnd) - cursor
      b.pieces.push({ at: b.text.length, length: line.length, from: start + cursor, span, exact: false })
      cursor += span
    }
    b.text += line
    if (i < lines.length - 1) {
      const nl = source.indexOf('\n', cursor)
      b.pieces.push({ at: b.text.length, length: 1, from: start + (nl < 0 ? cursor : nl), span: nl < 0 ? 0 : 1, exact: nl >= 0 })
      if (nl >= 0) cursor = nl + 1
      b.text += '\n'
    }
  })
}

/** The pieces of `[lo, hi)` of a block, moved to start at 0. */
function clip(pieces: Piece[], lo: number, hi: number): Piece[] {
  return pieces.flatMap((p) => {
    const start = Math.max(p.at, lo)
    const end = Math.min(p.at + p.length, hi)
    if (end <= start) return []
    if (!p.exact) return [{ ...p, at: start - lo, length: end - start }]
    return [{ at: start - lo, length: end - start, from: p.from + (start - p.at), span: end - start, exact: true }]
  })
}

/** Ends the block being written: without its outer white space (an image or tag dropped at its start leaves some). */
function endBlock(b: Builder, heading = false): void {
  const lo = b.text.length - b.text.trimStart().length
  const hi = b.text.trimEnd().length
  if (hi > lo) b.blocks.push({ text: b.text.slice(lo, hi), pieces: clip(b.pieces, lo, hi), heading })
  b.text = ''
  b.pieces = []
}

const startOf = (n: Nodes) => n.position?.start.offset ?? 0
const endOf = (n: Nodes) => n.position?.end.offset ?? startOf(n)

function inline(b: Builder, nodes: PhrasingContent[]): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        append(b, n.value, startOf(n), endOf(n))
        break
      case 'break':
        append(b, '\n', startOf(n), endOf(n))
        break
      case 'html':
        append(b, n.value, startOf(n), endOf(n))
        break
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break
      default:
        if ('children' in n) inline(b, n.children as PhrasingContent[])
    }
  }
}

function block(b: Builder, n: Nodes): void {
  switch (n.type) {
    case 'heading':
      inline(b, n.children)
      endBlock(b, true)
      break
    case 'paragraph':
      inline(b, n.children)
      endBlock(b)
      break
    case 'code':
    case 'html':
      append(b, n.value, startOf(n), endOf(n))
      endBlock(b)
      break
    case 'list':
      for (const item of n.children) listItem(b, item, n.ordered === true)
      break
    case 'root':
    case 'blockquote':
      for (const c of n.children) block(b, c)
      break
    default:
      // thematicBreak, definition and the like: syntax, not article text.
      break
  }
}

/** The plain text of a Markdown article, which blocks are headings, and where each character came from. */
export function markdownToPlain(markdown: string): PlainText {
  const b: Builder = { markdown, blocks: [], text: '', pieces: [] }
  block(b, fromMarkdown(markdown))
  let text = ''
  const pieces: Piece[] = []
  const headings: number[] = []
  b.blocks.forEach((blk, i) => {
    if (i > 0) text += BLOCK_BREAK
    for (const p of blk.pieces) pieces.push({ ...p, at: p.at + text.length })
    if (blk.heading) headings.push(i)
    text += blk.text
  })
  return { text, headings, pieces }
}

/** A list item: its first paragraph with the item's number when the list is ordered ("1." is part of what it says). */
function listItem(b: Builder, item: ListItem, ordered: boolean): void {
  const [first, ...rest] = item.children
  if (ordered) {
    const markerEnd = first ? startOf(first) : endOf(item)
    const marker = b.markdown.slice(startOf(item), markerEnd).trim()
    append(b, first ? `${marker} ` : marker, startOf(item), markerEnd)
    if (!first) endBlock(b)
  }
  if (first?.type === 'paragraph') {
    inline(b, first.children)
    endBlock(b)
    for (const c of rest) block(b, c)
  } else for (const c of item.children) block(b, c)
}

/** The piece holding character `at` of the text, or the last one before it. */
function pieceAt(pieces: readonly Piece[], at: number): Piece | undefined {
  let lo = 0
  let hi = pieces.length - 1
  let found: Piece | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const p = pieces[mid] as Piece
    if (p.at > at) hi = mid - 1
    else {
      found = p
      lo = mid + 1
    }
  }
  return found
}

/**
 * Where offset `at` of the plain text stands in the Markdown. A span's start maps its first character; its
 * exclusive end (`side: 'end'`) maps the character before it and adds one, so it lands right after the last one.
 */
export function toMarkdownOffset(pieces: readonly Piece[], at: number, side: 'start' | 'end' = 'start'): number {
  const char = side === 'end' ? at - 1 : at
  const p = pieceAt(pieces, char)
  if (!p) return 0
  // Between blocks: right after the piece before.
  if (char >= p.at + p.length) return p.from + p.span
  const k = char - p.at + (side === 'end' ? 1 : 0)
  return p.from + (p.exact ? k : Math.round((k * p.span) / p.length))
}
