import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { readQuery, SEARCH_WEIGHTS, WEIGHTS } from '../../src/search/d1-query'
import { editDistance } from '../../src/search/diff'
import { FIELD_BOOST, foldedWords, MAX_TERMS, PREFIX_MIN, processTerm, typos } from '../../src/search/options'
import { adjacency, containsSequence, parseQuery, splitQuery } from '../../src/search/query'
import { readTyped } from '../../src/search/suggest'

describe('parseQuery', () => {
  it('splits double-quoted phrases from free words, folding both', () => {
    expect(parseQuery('Khamenei “Revenge will be TAKEN” murderers')).toEqual({
      phrases: [['revenge', 'will', 'be', 'taken']],
      words: ['khamenei', 'murderers'],
      prefixLast: true,
      dropped: 0,
    })
  })

  it('reads an unclosed quote as free words', () => {
    expect(parseQuery('"revenge will')).toMatchObject({ phrases: [], words: ['revenge', 'will'], prefixLast: true })
  })

  it('prefix-matches the last word only while it is being typed', () => {
    expect(parseQuery('revenge tak').prefixLast).toBe(true)
    expect(parseQuery('revenge taken ').prefixLast).toBe(false)
    expect(parseQuery('revenge "taken"').prefixLast).toBe(false)
  })

  it(`keeps at most ${MAX_TERMS} words and counts the rest`, () => {
    const q = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')
    const parsed = parseQuery(`"a b c" ${q}`)
    expect(parsed.phrases).toEqual([['a', 'b', 'c']])
    expect(parsed.words).toHaveLength(MAX_TERMS - 3)
    expect(parsed.dropped).toBe(20 - (MAX_TERMS - 3))
    expect(parsed.prefixLast).toBe(false)
  })
})

describe('word sequences', () => {
  const text = foldedWords('Of course, revenge will be taken on those who ordered it')
  it('finds words side by side, in order, with an optional prefix last', () => {
    expect(containsSequence(text, ['revenge', 'will', 'be'])).toBe(true)
    expect(containsSequence(text, ['will', 'revenge'])).toBe(false)
    expect(containsSequence(text, ['be', 'tak'])).toBe(false)
    expect(containsSequence(text, ['be', 'tak'], true)).toBe(true)
  })
  it('measures the share of adjacent query pairs', () => {
    expect(adjacency(text, ['revenge', 'will', 'be'])).toBe(1)
    expect(adjacency(text, ['revenge', 'will', 'ordered'])).toBe(0.5)
    expect(adjacency(text, ['revenge'])).toBe(0)
  })
})

describe('folding and typo budgets', () => {
  it('folds case, diacritics and every apostrophe form', () => {
    expect(foldedWords("Es’haq ES'HAQ Eshaq Ḗšhaq")).toEqual(['eshaq', 'eshaq', 'eshaq', 'eshaq'])
  })
  it('allows 0 edits up to 3 letters, 1 up to 7, 2 beyond', () => {
    expect([typos('war'), typos('bones'), typos('revenges'), typos('assassination')]).toEqual([0, 1, 2, 2])
  })
  it('counts a transposition as 2 edits, as MiniSearch does, and stops above the budget', () => {
    expect(editDistance('khamenie', 'khamenei', 2)).toBe(2)
    expect(editDistance('reveneg', 'revenge', 2)).toBe(2)
    expect(editDistance('revnge', 'revenge', 1)).toBe(1)
    expect(editDistance('qaani', 'ghaani', 2)).toBe(2)
    expect(editDistance('kitten', 'sitting', 3)).toBe(3)
    // Above the budget: max + 1, whatever the full distance.
    expect(editDistance('kitten', 'sitting', 2)).toBe(3)
    expect(editDistance('a', 'abcdef', 2)).toBe(3)
  })
  it('says a word is within a budget exactly when MiniSearch’s fuzzy search reaches it with that budget', () => {
    // The bundle leaves out of a query the word forms MiniSearch already reaches by a typo: any disagreement
    // here is a form that is silently never searched. Few letters, so transpositions and repeats are common.
    const word = fc.stringMatching(/^[abcd]{1,8}$/)
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 2 }), (a, b, max) => {
        const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] })
        index.add({ id: 1, text: b })
        const reached = index.search(a, { fuzzy: max, maxFuzzy: max, prefix: false }).length === 1
        expect(editDistance(a, b, max) <= max, `${a} → ${b} within ${max}`).toBe(reached)
      }),
      { numRuns: 2_000 },
    )
  })
})

describe('one reading of a query for both backends', () => {
  // Words with apostrophes, diacritics and case, straight and typographic quotes, spaces: what a search box receives.
  const piece = fc.constantFrom('revenge', 'Will', 'l’a', "Es'haq", 'café', 'ÉTÉ', 'ab', 'murd', '2019', '"', '“', '”', ' ', '  ', '!', 'x')
  const query = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''))

  it('D1 reads the same phrases, free words, prefix and dropped words as the bundle', () => {
    fc.assert(
      fc.property(query, (q) => {
        const bundle = parseQuery(q)
        const d1 = readQuery(q)
        expect(d1.parts.filter((p) => p.quoted).map((p) => p.folded)).toEqual(bundle.phrases)
        expect(d1.parts.filter((p) => !p.quoted).flatMap((p) => p.folded)).toEqual(bundle.words)
        // The bundle prefix-matches its last free word when prefixLast and it has PREFIX_MIN letters (search.ts isPrefix).
        const last = bundle.words.at(-1) ?? ''
        const bundlePrefix = bundle.prefixLast && last.length >= PREFIX_MIN
        expect(d1.parts.some((p) => p.prefix)).toBe(bundlePrefix)
        if (bundlePrefix) expect(d1.parts.at(-1)?.folded).toEqual([last])
        expect(d1.dropped).toBe(bundle.dropped)
        // FTS5 gets the words as typed: they fold to the same words.
        for (const p of d1.parts) expect(p.words.map((w) => processTerm(w))).toEqual(p.folded)
      }),
      { numRuns: 500 },
    )
  })

  it('type-ahead reads the words typed so far as a search splits them', () => {
    fc.assert(
      fc.property(query, (q) => {
        const typed = readTyped(q)
        const bundle = parseQuery(q)
        expect(typed.words).toEqual(splitQuery(q).pieces.flatMap((p) => p.folded))
        expect(typed.words.length).toBe(Math.min(MAX_TERMS, foldedWords(q).length))
        expect(typed.tokens.map((w) => processTerm(w))).toEqual(typed.words)
        expect([...typed.words].sort()).toEqual([...bundle.phrases.flat(), ...bundle.words].sort())
      }),
      { numRuns: 300 },
    )
  })

  it('decides the prefix on the folded word on both backends: "l’a" has two letters', () => {
    expect(parseQuery('revenge l’a')).toMatchObject({ words: ['revenge', 'la'], prefixLast: true })
    expect(readQuery('revenge l’a').parts.at(-1)).toEqual({ words: ['l’a'], folded: ['la'], prefix: false })
    expect(readQuery('revenge l’ami').parts.at(-1)).toEqual({ words: ['l’ami'], folded: ['lami'], prefix: true })
  })
})

describe('D1 ranking weights', () => {
  it('weighs bm25 columns as FIELD_BOOST weighs the bundle’s fields', () => {
    expect(WEIGHTS.split(', ').map(Number)).toEqual([FIELD_BOOST.text, FIELD_BOOST.speaker])
    // search_fts's fourth column holds filter tokens (keys), which must not rank.
    expect(SEARCH_WEIGHTS.split(', ').map(Number)).toEqual([FIELD_BOOST.text, FIELD_BOOST.speaker, FIELD_BOOST.context, 0])
  })
})
