/**
 * @module
 * A source body cut into blocks for its page: paragraphs and headings, at the blank lines of the body
 * (`body.split('\n\n')`, the blocks Source.headings counts). Pure.
 */

/** A piece of body text, or a quotation with its anchor (as src/routes/pages.ts cuts the body at quote offsets). */
export type BodySegment = string | { quoteId: string; anchor: string; text: string; speaker: string | null }

/**
 * The segments regrouped into blocks, one per block of the body. A quotation running over a blank line
 * continues in the next block; only its first part carries the anchor (`anchor: ''` on the others).
 */
export function bodyBlocks(segments: readonly BodySegment[]): BodySegment[][] {
  const blocks: BodySegment[][] = [[]]
  for (const s of segments) {
    let anchored = false
    const parts = (typeof s === 'string' ? s : s.text).split('\n\n')
    parts.forEach((part, i) => {
      if (i > 0) blocks.push([])
      if (part === '') return
      const block = blocks[blocks.length - 1] as BodySegment[]
      if (typeof s === 'string') block.push(part)
      else {
        block.push({ ...s, text: part, anchor: anchored ? '' : s.anchor })
        anchored = true
      }
    })
  }
  return blocks
}
