import { describe, expect, it } from 'vitest'
import { bodyBlocks } from '../../src/views/blocks'

const quote = (text: string, anchor = 'q-1') => ({ quoteId: '1', anchor, text, speaker: null })

describe('bodyBlocks', () => {
  it('cuts the body at blank lines, one block per block of body.split("\\n\\n")', () => {
    expect(bodyBlocks(['Head\n\nFirst ', quote('“Hi”'), ' said.\n\nLast.'])).toEqual([
      ['Head'],
      ['First ', quote('“Hi”'), ' said.'],
      ['Last.'],
    ])
  })

  it('continues a quotation over a blank line in the next block, the anchor on its first part only', () => {
    expect(bodyBlocks(['A ', quote('one\n\ntwo'), ' b'])).toEqual([
      ['A ', quote('one')],
      [quote('two', ''), ' b'],
    ])
  })

  it('starts a new block at a blank line ending a segment; an empty body is one empty block', () => {
    expect(bodyBlocks(['a\n\n', quote('q')])).toEqual([['a'], [quote('q')]])
    expect(bodyBlocks([])).toEqual([[]])
  })
})
