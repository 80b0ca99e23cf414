import { describe, expect, it } from 'vitest'
import { otherForms, stemOf, wordForms } from '../../src/search/stems'

describe('word forms', () => {
  it('stems Latin-letter words of 3+ letters with Porter, as FTS5 does', () => {
    expect(stemOf('assassinated')).toBe('assassin')
    expect(stemOf('assassination')).toBe('assassin')
    expect(stemOf('region')).toBe('region')
    expect(stemOf('us')).toBeNull()
    expect(stemOf('2019')).toBeNull()
    expect(stemOf('téhéran')).toBeNull()
  })

  it('groups a corpus’s folded words by stem, keeping only stems another form could reach', () => {
    const forms = wordForms(['The assassination', 'He ASSASSINATES', 'Regional', 'the region', 'Bones'])
    // "the" and "region" are their own stems and alone: nothing to reach.
    expect(forms).toEqual({
      assassin: ['assassinates', 'assassination'],
      bone: ['bones'],
      region: ['region', 'regional'],
    })
    // Deterministic: stems in order, words sorted.
    expect(Object.keys(forms)).toEqual(['assassin', 'bone', 'region'])
  })

  it('answers the other forms of a word, even one the corpus never prints', () => {
    const forms = wordForms(['assassination', 'assassinates', 'bones'])
    expect(otherForms(forms, 'assassinated')).toEqual(['assassinates', 'assassination'])
    expect(otherForms(forms, 'assassination')).toEqual(['assassinates'])
    expect(otherForms(forms, 'bone')).toEqual(['bones'])
    expect(otherForms(forms, 'revenge')).toEqual([])
    expect(otherForms(undefined, 'bone')).toEqual([])
    // Object keys are not stems: no prototype lookups.
    expect(otherForms(forms, 'constructor')).toEqual([])
  })
})
