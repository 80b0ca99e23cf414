import { describe, expect, it } from 'vitest'
import { decodeHits, hitWidth, hotFill, hotKey, hotKeys, hotSet, NO_HOT, readHot } from '../../src/search/d1-hot'
import { readQuery } from '../../src/search/d1-query'

const hot = readHot(JSON.stringify({ keys: ['region', 'region*', 'us'], width: 5 }))

describe('the build’s answers for frequent words (D1 hot words)', () => {
  it('keys the words in at least `min` quotes and their prefixes from three letters, not years nor non-ASCII words', () => {
    const docs: [string, number][] = [
      ['region', 12],
      ['us', 30],
      ['rare', 2],
      ['2019', 50],
      ['téhéran', 40],
      ['enemy’s', 40],
    ]
    expect(hotKeys(docs, 10)).toEqual(['region', 'region*', 'us'])
    expect(hotKeys(docs, 100)).toEqual([])
  })

  it('finds the key of a lone free word as typed (any case), its prefix while typed, and nothing else', () => {
    const key = (q: string) => hotKey(readQuery(q).parts, hot)
    expect(key('region')).toBe('region*')
    expect(key('Region ')).toBe('region')
    expect(key('us')).toBe('us')
    expect(key('US')).toBe('us')
    expect(key('"region"')).toBeNull()
    expect(key('region us')).toBeNull()
    expect(key('regions ')).toBeNull()
    expect(key('régión ')).toBeNull()
    expect(hotKey(readQuery('region ').parts, NO_HOT)).toBeNull()
  })

  it('decodes a slice of hits: hex quote number, score in thousandths, own-words digit', () => {
    // n 0x00010 = 16, score 0x01f40 = 8000 → -8.0; n 0xf4240 = 1,000,000, score 0x0000c = 12 → -0.012, not own.
    expect(decodeHits('0001001f401f42400000c0', 5)).toEqual([
      { n: 16, crank: -8, trank: -8, own: 1 },
      { n: 1_000_000, crank: -0.012, trank: -0.012, own: 0 },
    ])
    expect(decodeHits('', 5)).toEqual([])
    expect(hitWidth(1_000_000)).toBe(5)
    expect(hitWidth(41)).toBe(2)
  })

  it('reads a page as a substr of the hits: entry width × offset, entry width × limit', () => {
    const { sql, binds } = hotSet('region', 5, { limit: 20, offset: 40 }, ['speaker', 'year'])
    expect(sql).toContain('substr(hits, ?, ?)')
    expect(binds).toEqual(['region', 40 * 11 + 1, 20 * 11, 'region', 'region', '["speaker","year"]'])
    expect(hotSet('region', 5, undefined, []).binds).toEqual(['region'])
  })

  it('fills a key with the MATCH a live search writes, and refuses anything but a key', () => {
    const [hits, facets] = hotFill('region*', true, 2)
    expect(hits).toContain(`MATCH '"region"*'`)
    expect(hits).toContain('LEFT JOIN own t')
    expect(facets).toContain("SELECT 'region*', * FROM")
    expect(hotFill('us', false, 2)[0]).not.toContain('quotes_fts')
    expect(() => hotFill("x' OR 1=1", false, 2)).toThrow(/not a hot key/)
  })
})
