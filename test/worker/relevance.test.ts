/**
 * The relevance suite: queries written as what a user expects, each asserting the top results by their
 * content (words of the quote, its speaker), never by ids or exact counts, so that it survives changes
 * to the extraction. Run in workerd against the bundled sample corpus.
 */
import { describe, expect, it } from 'vitest'
import { call, fold } from './helpers'

interface Result {
  text: string
  kind: string
  speaker: { id: string; name: string } | null
  matched_in: 'text' | 'context'
  context: string | null
}

async function search(q: string): Promise<Result[]> {
  const { res, body } = await call(`/api/search?q=${encodeURIComponent(q)}&limit=100`)
  expect(res.status).toBe(200)
  return body.results
}

const has = (r: Result | undefined, ...phrases: string[]) => {
  expect(r, 'a result').toBeDefined()
  for (const p of phrases) expect(fold(r!.text)).toContain(fold(p))
}
/** The result matched only around the quote, and its context snippet says these words. */
const around = (r: Result | undefined, ...phrases: string[]) => {
  expect(r, 'a result').toBeDefined()
  expect(r!.matched_in).toBe('context')
  const snippet = (r!.context ?? '')
    .replace(/<\/?mark>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
  for (const p of phrases) expect(fold(snippet)).toContain(fold(p))
}
const by = (r: Result | undefined, name: RegExp) => {
  expect(r, 'a result').toBeDefined()
  expect(r!.speaker?.name ?? '(unattributed)').toMatch(name)
}

interface Case {
  expectation: string
  q: string
  check: (results: Result[]) => void
}

const cases: Case[] = [
  {
    expectation: 'a single word finds the quotes that say it, first',
    q: 'revenge',
    check: (r) => {
      has(r[0], 'revenge')
      has(r[1], 'revenge')
    },
  },
  { expectation: 'a misspelt word still finds the quote', q: 'revnge', check: (r) => has(r[0], 'revenge') },
  {
    expectation: 'a phrase from the middle of a quote finds it first',
    q: 'taken on those who ordered',
    check: (r) => has(r[0], 'revenge will be taken on those who ordered it'),
  },
  {
    expectation: 'a quoted phrase finds only quotes with those words in that order',
    q: '"bones are being crushed"',
    check: (r) => {
      expect(r.length).toBeGreaterThan(0)
      for (const x of r) has(x, 'bones are being crushed')
    },
  },
  {
    expectation: 'a speaker and a topic find that speaker’s quote on the topic first',
    q: 'khamenei revenge',
    check: (r) => {
      by(r[0], /Khamenei/)
      has(r[0], 'revenge')
    },
  },
  {
    expectation: 'the topic first and the speaker second puts that speaker’s quote on it ahead of a better match by another',
    q: 'withdrawal vaezi',
    check: (r) => {
      by(r[0], /Vaezi/)
      has(r[0], 'withdrawal')
    },
  },
  {
    expectation: 'a misspelt speaker name with a topic still finds that speaker’s quote first',
    q: 'khamenie revenge',
    check: (r) => {
      by(r[0], /Khamenei/)
      has(r[0], 'revenge')
    },
  },
  {
    expectation: 'a misspelt surname with a topic finds that speaker’s quote on it',
    q: 'vaezy hormuz',
    check: (r) => {
      by(r[0], /Vaezi/)
      has(r[0], 'hormuz')
    },
  },
  {
    expectation: 'a surname alone lists that speaker’s quotes first',
    q: 'vaezi',
    check: (r) => {
      expect(r.length).toBeGreaterThan(2)
      for (const x of r.slice(0, 3)) by(x, /Vaezi/)
    },
  },
  {
    expectation: 'a spelling variant of a name (alias) finds the speaker',
    q: 'Ghaani',
    check: (r) => by(r[0], /Qaani/),
  },
  { expectation: 'a rare surname finds that speaker', q: 'hajizadeh', check: (r) => by(r[0], /Hajizadeh/) },
  {
    expectation: 'apostrophes may be left out',
    q: 'enemys bones',
    check: (r) => has(r[0], 'enemy’s bones'),
  },
  {
    expectation: 'capitals do not matter',
    q: 'HORMUZ PEACE INITIATIVE',
    check: (r) => has(r[0], 'Hormuz peace initiative'),
  },
  { expectation: 'accents do not matter', q: 'Hórmuz', check: (r) => has(r[0], 'Hormuz') },
  { expectation: 'the word being typed is completed', q: 'hormuz pea', check: (r) => has(r[0], 'Hormuz peace') },
  {
    expectation: 'pasting a whole short quote finds exactly that quote first',
    q: 'The enemy’s bones are being crushed',
    check: (r) => expect(fold(r[0]!.text)).toBe(fold('The enemy’s bones are being crushed')),
  },
  {
    expectation: 'pasting a whole long quote finds it first',
    q: 'The IRGC advises the United States to leave the region right now',
    check: (r) => expect(fold(r[0]!.text)).toBe(fold('The IRGC advises the United States to leave the region right now')),
  },
  {
    expectation: 'words out of order still find the quote',
    q: 'crushed bones enemy',
    check: (r) => has(r[0], 'bones are being crushed'),
  },
  { expectation: 'a topic word finds a quote about it', q: 'withdrawal', check: (r) => has(r[0], 'withdrawal') },
  {
    expectation: 'two topic words find quotes with both first',
    q: 'withdrawal iraq',
    check: (r) => has(r[0], 'withdrawal', 'iraq'),
  },
  {
    expectation: 'a person mentioned (not speaking) and an event find quotes about both',
    q: 'Soleimani assassination',
    check: (r) => {
      expect(r.length).toBeGreaterThanOrEqual(3)
      for (const x of r.slice(0, 3)) has(x, 'soleimani', 'assassination')
    },
  },
  {
    expectation: 'several content words find the quote that has them together',
    q: 'missile attack american base',
    check: (r) => has(r[0], 'missile attack on an American base'),
  },
  { expectation: 'place names find the quote about them', q: 'terrorists damascus', check: (r) => has(r[0], 'Damascus') },
  { expectation: 'an unusual phrase finds its quote', q: 'clandestine lifestyle', check: (r) => has(r[0], 'clandestine lifestyle') },
  { expectation: 'a country name finds the quote that names it', q: 'Armenia', check: (r) => has(r[0], 'Armenia') },
  { expectation: 'a word stem finds its longer forms', q: 'harness', check: (r) => has(r[0], 'harness') },
  { expectation: 'two nouns find the quote about them', q: 'democracy iraq', check: (r) => has(r[0], 'democracy', 'Iraq') },
  { expectation: 'a name in the text finds the quote', q: 'Trump administration', check: (r) => has(r[0], 'Trump administration') },
  {
    expectation: 'a remembered sentence finds it first',
    q: 'the US poses a threat to humanity',
    check: (r) => has(r[0], 'poses a threat to humanity'),
  },
  {
    expectation: 'a list of words from a quote finds it first',
    q: 'destruction war crime',
    check: (r) => has(r[0], 'destruction, war and crime'),
  },
  { expectation: 'a vivid phrase finds its quote', q: 'soft and hard slaps', check: (r) => has(r[0], 'soft and hard slaps') },
  { expectation: 'a one-word theme finds a quote on it', q: 'martyrdom', check: (r) => has(r[0], 'martyrdom') },
  {
    expectation: 'a long word misspelt once, next to a name, finds the quote',
    q: 'assasination soleimani',
    check: (r) => has(r[0], 'assassination', 'Soleimani'),
  },
  { expectation: 'a long word misspelt twice finds it', q: 'infltraton', check: (r) => has(r[0], 'infiltrat') },
  {
    expectation: 'a short phrase finds the fragment that is exactly it',
    q: 'delusions of grandeur',
    check: (r) => expect(fold(r[0]!.text)).toBe('delusions of grandeur'),
  },
  {
    expectation: 'a quoted phrase with common words is still exact',
    q: '"leave the region"',
    check: (r) => {
      expect(r.length).toBeGreaterThan(0)
      for (const x of r) has(x, 'leave the region')
    },
  },
  {
    expectation: 'common words around a rare one do not drown it',
    q: 'the presence of the US in the region',
    check: (r) => has(r[0], 'presence of the US in the region'),
  },
  { expectation: 'an organisation’s name finds the quotes naming it', q: 'Quds Force commander', check: (r) => has(r[0], 'Quds Force') },
  { expectation: 'a phrase with a capitalised name finds it', q: 'Front of Arrogance', check: (r) => has(r[0], 'Front of Arrogance') },
  {
    expectation: 'a quoted phrase in the wrong order finds nothing',
    q: '"taken be will revenge"',
    check: (r) => expect(r).toEqual([]),
  },
  {
    expectation: 'a quoted phrase of common words matches them side by side, not a longer word',
    q: '"the region"',
    check: (r) => {
      expect(r.length).toBeGreaterThan(0)
      for (const x of r) expect(` ${fold(x.text)} `).toContain(' the region ')
    },
  },
  {
    expectation: 'an unquoted phrase ranks the quote that has it word for word above ones with the words apart',
    q: 'presence in the region',
    check: (r) => has(r[0], 'presence in the region'),
  },
  {
    expectation: 'a speaker’s surname lists their quotes before quotes that merely mention them',
    q: 'khamenei',
    check: (r) => {
      by(r[0], /Khamenei/)
      by(r[1], /Khamenei/)
    },
  },
  {
    expectation: 'a topic and then a speaker’s surname puts that speaker’s quote on the topic first',
    q: 'region khamenei',
    check: (r) => {
      by(r[0], /Khamenei/)
      has(r[0], 'region')
    },
  },
  {
    expectation: 'a question in plain words still finds the speaker’s quote on the topic',
    q: 'what did vaezi say about hormuz',
    check: (r) => {
      by(r[0], /Vaezi/)
      has(r[0], 'hormuz')
    },
  },
  {
    expectation: 'a word the quotes do not use (USA) does not stop the others from finding the quote',
    q: 'USA leave the region',
    check: (r) => has(r[0], 'leave the region'),
  },
  {
    expectation: 'another form of a word (assassinated) finds the quotes about the assassination',
    q: 'assassinated soleimani',
    check: (r) => expect(r.filter((x) => fold(x.text).includes('assassination')).length).toBeGreaterThanOrEqual(3),
  },
  {
    expectation: 'a year and a surname find that speaker’s quotes from that year',
    q: '2019 khamenei',
    check: (r) => {
      by(r[0], /Khamenei/)
      expect((r[0] as Result & { date: string | null }).date).toMatch(/^2019/)
    },
  },
  {
    expectation: 'a colloquial demand finds the quotes asking U.S. troops to leave Iraq',
    q: 'us out of iraq',
    check: (r) => expect(fold(r[0]!.text)).toMatch(/leave iraq|withdrawal from iraq/),
  },
  {
    expectation: 'words found nowhere find nothing rather than noise',
    q: 'xylophone zebra',
    check: (r) => expect(r).toEqual([]),
  },
  // Topics the quotes never name, only the articles around them.
  {
    expectation: 'a topic named only in the articles finds the quotes printed around it',
    q: 'parliament',
    check: (r) => {
      around(r[0], 'parliament')
      for (const x of r) expect(x.matched_in).toBe('context')
    },
  },
  {
    expectation: 'a word from an article’s title finds the quotes it prints',
    q: 'strategic policy',
    check: (r) => around(r[0], 'strategic policy'),
  },
  {
    expectation: 'a person described only in the article finds the quote near them',
    q: 'lawmaker',
    check: (r) => around(r[0], 'lawmaker'),
  },
  {
    expectation: 'two words from the sentence around a quote find it',
    q: 'twitter account',
    check: (r) => around(r[0], 'twitter account'),
  },
  { expectation: 'an occasion named only around the quotes finds them', q: 'anniversary', check: (r) => around(r[0], 'anniversary') },
  { expectation: 'where a quote was published first finds it', q: 'lebanese newspaper', check: (r) => around(r[0], 'lebanese newspaper') },
  {
    expectation: 'a word of the quote and a topic of its article find it first',
    q: 'parliament bones',
    check: (r) => {
      has(r[0], 'bones are being crushed')
      around(r[0], 'parliament')
    },
  },
  {
    expectation: 'every quote that says the word ranks above every quote found only by its context',
    q: 'revenge',
    check: (r) => {
      const kinds = r.map((x) => x.matched_in)
      expect(kinds).toContain('text')
      expect(kinds).toContain('context')
      expect(kinds.lastIndexOf('text')).toBeLessThan(kinds.indexOf('context'))
    },
  },
  // Very common words do not decide what matches.
  {
    expectation: 'a common word before a rare one changes nothing at the top',
    q: 'the revenge',
    check: (r) => has(r[0], 'revenge will be taken'),
  },
  {
    expectation: 'common words between two rare ones find the quote with both',
    q: 'revenge of the murderers',
    check: (r) => has(r[0], 'revenge', 'murderers'),
  },
  {
    expectation: 'a short sentence of mostly common words finds its quote',
    q: 'a threat to humanity',
    check: (r) => has(r[0], 'threat to humanity'),
  },
  { expectation: 'common words around two nouns do not stop them', q: 'the enemy and the bones', check: (r) => has(r[0], 'enemy’s bones') },
  {
    expectation: 'a topic with common words finds the quote on it first',
    q: 'withdrawal of the forces',
    check: (r) => has(r[0], 'withdrawal'),
  },
  {
    expectation: 'a query of only a common word still searches it',
    q: 'the',
    check: (r) => {
      expect(r[0]?.matched_in).toBe('text')
      for (const x of r.filter((x) => x.matched_in === 'text')) expect(` ${fold(x.text)}`).toContain(' the')
    },
  },
  // Typos, in the quote’s words and in its context.
  {
    expectation: 'a misspelt word beside a right one finds the quote',
    q: 'revnge taken',
    check: (r) => has(r[0], 'revenge will be taken'),
  },
  {
    expectation: 'a misspelt topic of the articles still finds the quotes around it',
    q: 'parliment',
    check: (r) => around(r[0], 'parliament'),
  },
  { expectation: 'a letter left out finds the word', q: 'withdrawl', check: (r) => has(r[0], 'withdrawal') },
  { expectation: 'a vowel swapped in a place name finds it', q: 'Hormoz', check: (r) => has(r[0], 'Hormuz') },
  {
    expectation: 'a misspelt word with a right one finds the vivid quote',
    q: 'crushd bones',
    check: (r) => has(r[0], 'bones are being crushed'),
  },
  {
    expectation: 'a misspelt name beside an event finds quotes about both',
    q: 'soleimany assassination',
    check: (r) => has(r[0], 'soleimani', 'assassination'),
  },
]

/**
 * Queries a backend cannot rank well; they must keep failing there until fixed (it.fails). None now: "us out of iraq"
 * ranks the troops-out-of-Iraq quote first on both since "of" no longer decides which quotes match (COMMON_WORDS).
 */
const KNOWN_FAILURES = new Set<string>([])

describe('relevance', () => {
  it(`has at least 65 queries (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(65)
  })
  for (const c of cases) {
    const run = KNOWN_FAILURES.has(c.q) ? it.fails : it
    run(`${c.expectation}: ${c.q}`, async () => c.check(await search(c.q)))
  }
})
