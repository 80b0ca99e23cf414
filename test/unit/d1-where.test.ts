import { describe, expect, it } from 'vitest'
import { keyTerms, keyToken, withKeys } from '../../src/search/d1-where'

const fragment = `keys : "${keyToken('zk', 'fragment')}"`
const quotation = `keys : "${keyToken('zk', 'quotation')}"`

describe('D1 filter keys in the MATCH', () => {
  it('writes a value as its prefix and UTF-8 in hex', () => {
    expect(keyToken('zk', 'fragment')).toBe('zk667261676d656e74')
    expect(keyToken('zs', 'é')).toBe('zsc3a9')
  })

  it('filters quotations by excluding fragments: bm25 then never counts the token every quotation has', () => {
    expect(keyTerms({ kind: 'quotation' })).toEqual({ all: [], none: [fragment] })
    expect(withKeys('"ha"', keyTerms({ kind: 'quotation' }))).toBe(`("ha") NOT (${fragment})`)
    expect(withKeys('"ha"', keyTerms({ kind: 'quotation' }))).not.toContain(quotation)
  })

  it('requires the other filters, and leaves out the one whose facet is counted', () => {
    const speaker = `keys : "${keyToken('zs', 'ali-khamenei')}"`
    expect(withKeys('"ha"', keyTerms({ kind: 'fragment', speaker: 'ali-khamenei' }))).toBe(`("ha") AND ${speaker} AND ${fragment}`)
    expect(withKeys('"ha"', keyTerms({ kind: 'quotation', speaker: 'ali-khamenei' }))).toBe(`(("ha") AND ${speaker}) NOT (${fragment})`)
    expect(withKeys('"ha"', keyTerms({ kind: 'quotation' }, 'kind'))).toBe('"ha"')
  })
})
