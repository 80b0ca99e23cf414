import { describe, expect, it } from 'vitest'
import { ProblemError } from '../../src/problem'
import {
  buildNameIndex,
  lookupKeysOf,
  nameIndexOf,
  nameTable,
  resolveSpeaker,
  speakerFilter,
  speakerNameTable,
  speakersInQuery,
} from '../../src/search/speakers'
import { completions, readTyped, surfaceFormsOf } from '../../src/search/suggest'

const khamenei = { id: 'ali-khamenei', name: 'Ali Khamenei', aliases: ['Ayatollah Khamenei', 'Khāmenei'] }
const vaezi = { id: 'mahmoud-vaezi', name: 'Mahmoud Vaezi', aliases: [] }
const bush = { id: 'george-bush', name: 'George W. Bush', aliases: [] }
const table = buildNameIndex([khamenei, vaezi, bush].map((s) => ({ id: s.id, keys: lookupKeysOf(s) })))

describe('speaker names', () => {
  it('keys a speaker by whole names, surnames of 3+ letters and every word, folded, without repeats', () => {
    expect(lookupKeysOf(khamenei)).toEqual([
      { kind: 'surname', name: 'khamenei' },
      { kind: 'word', name: 'ali' },
      { kind: 'word', name: 'khamenei' },
      { kind: 'full', name: 'ali khamenei' },
      { kind: 'word', name: 'ayatollah' },
      { kind: 'full', name: 'ayatollah khamenei' },
      { kind: 'full', name: 'khamenei' },
    ])
    expect(lookupKeysOf({ name: 'Xi', aliases: [] })).toEqual([
      { kind: 'word', name: 'xi' },
      { kind: 'full', name: 'xi' },
    ])
  })

  it('reads a surname typo only with the surname’s first letter, as the search’s typos and D1’s names rows do', () => {
    expect(speakersInQuery(table, ['khamenie']).ids).toEqual(new Set(['ali-khamenei']))
    expect(speakersInQuery(table, ['chamenei']).ids).toEqual(new Set())
    expect(speakersInQuery(table, ['vaizi']).ids).toEqual(new Set(['mahmoud-vaezi']))
    expect(speakersInQuery(table, ['faezi']).ids).toEqual(new Set())
  })

  it('reads surnames in a query, typos within the word-length budget, and their companion words', () => {
    expect(speakersInQuery(table, ['ali', 'khamenei', 'revenge'])).toEqual({
      ids: new Set(['ali-khamenei']),
      terms: new Set(['ali', 'khamenei']),
    })
    expect([...speakersInQuery(table, ['khamenie']).ids]).toEqual(['ali-khamenei'])
    expect([...speakersInQuery(table, ['vaezy', 'hormuz']).ids]).toEqual(['mahmoud-vaezi'])
    // A first name alone names nobody; nor does a word too far from every surname.
    expect(speakersInQuery(table, ['ali']).ids.size).toBe(0)
    expect(speakersInQuery(table, ['revenge']).ids.size).toBe(0)
  })

  it('resolves a name, an id or a surname to speakers, and nothing to nobody', () => {
    expect([...resolveSpeaker(table, 'Ali Khamenei')]).toEqual(['ali-khamenei'])
    expect([...resolveSpeaker(table, 'ali-khamenei')]).toEqual(['ali-khamenei'])
    expect([...resolveSpeaker(table, 'Ayatollah Khāmenei')]).toEqual(['ali-khamenei'])
    expect([...resolveSpeaker(table, 'bush')]).toEqual(['george-bush'])
    expect(resolveSpeaker(table, 'Nobody Atall').size).toBe(0)
  })

  it('answers the same from a partial table holding only the rows for the words (as D1 reads them)', () => {
    const rows = lookupKeysOf(khamenei).filter((k) => k.name === 'khamenei' || k.name === 'ali')
    const partial = buildNameIndex([{ id: khamenei.id, keys: rows }])
    expect(speakersInQuery(partial, ['ali', 'khamenei'])).toEqual(speakersInQuery(table, ['ali', 'khamenei']))
  })
})

describe('the names table the build writes (Records.speaker_names)', () => {
  const speakers = [khamenei, vaezi, bush].map((s) => ({ ...s, roles: [], qid: null }))

  it('holds the speakers credited with quotes, and reads as the table the Worker would make from them', () => {
    const written = speakerNameTable(speakers, [{ speaker: 'ali-khamenei' }, { speaker: null }, { speaker: 'george-bush' }])
    expect(written.ids).toEqual(['ali-khamenei', 'george-bush'])
    expect(written.surname.khamenei).toEqual(['ali-khamenei'])
    expect(written.surname).not.toHaveProperty('vaezi')
    const fromJson = nameIndexOf(JSON.parse(JSON.stringify(written)))
    expect(speakersInQuery(fromJson, ['khamenie', 'bush'])).toEqual(speakersInQuery(table, ['khamenie', 'bush']))
  })

  it('keeps a key such as "__proto__" as a key like any other', () => {
    const written = nameTable([{ id: 'odd', keys: [{ kind: 'surname', name: '__proto__' }] }])
    expect(Object.getPrototypeOf(written.surname)).toBe(Object.prototype)
    expect(nameIndexOf(JSON.parse(JSON.stringify(written))).surnames.get('__proto__')).toEqual(['odd'])
  })
})

describe('suggestion completions', () => {
  const forms = surfaceFormsOf(['The enemy’s bones', 'Revenge will be taken', 'revenge, revenge'])

  it('shows each term as most often printed, lower case before a capital on a tie', () => {
    expect(forms.get('enemys')).toBe('enemy’s')
    expect(forms.get('revenge')).toBe('revenge')
    expect(forms.get('the')).toBe('The')
  })

  it('completes the last word from the matched quotes, corrects finished words, and adds up scores', () => {
    const matches = [
      { terms: ['revenge', 'will', 'be', 'taken'], score: 2 },
      { terms: ['revenge', 'taking', 'takes'], score: 1 },
      { terms: ['revenge', 'taken'], score: 0.5 },
    ]
    const s = completions(matches, readTyped('revnge tak'), (t) => forms.get(t) ?? t, 10)
    expect(s).toEqual([
      { text: 'revenge taken', score: 2.5 },
      { text: 'revenge takes', score: 1 },
      { text: 'revenge taking', score: 1 },
    ])
    expect(completions(matches, readTyped('revnge tak'), (t) => t, 1)).toHaveLength(1)
    // A finished last word (space after it) is not a prefix: only itself or its typo corrections.
    expect(completions(matches, readTyped('revenge takn '), (t) => t, 10).map((x) => x.text)).toEqual(['revenge taken'])
    expect(completions(matches, readTyped(''), (t) => t, 10)).toEqual([])
  })
})

describe('the search speaker filter', () => {
  const smiths = [
    { id: 'jane-smith', name: 'Jane Smith', aliases: [] },
    { id: 'john-smith', name: 'John Smith', aliases: [] },
  ]
  const names = buildNameIndex([...smiths, vaezi].map((s) => ({ id: s.id, keys: lookupKeysOf(s) })))
  const backend = { names: async () => names }

  it('keeps an id or a whole name, and reads a surname naming one speaker as that speaker', async () => {
    expect(await speakerFilter(backend, 'jane-smith')).toBe('jane-smith')
    expect(await speakerFilter(backend, 'John Smith')).toBe('john-smith')
    expect(await speakerFilter(backend, 'vaezy')).toBe('mahmoud-vaezi')
    expect(await speakerFilter(backend, 'Nobody')).toBe('nobody')
  })

  it('refuses a surname that names several speakers with a 400 listing them', async () => {
    const error = await speakerFilter(backend, 'smith').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProblemError)
    expect((error as ProblemError).status).toBe(400)
    expect((error as ProblemError).errors).toEqual([{ parameter: 'speaker', message: 'names several speakers: jane-smith, john-smith' }])
  })
})
