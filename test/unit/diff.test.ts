import { describe, expect, it } from 'vitest'
import { align, CLOSE, joinOps, PARAPHRASE, verdictOf, words } from '../../src/search/diff'

const PRINTED = 'Of course, revenge will be taken on those who ordered it and the murderers'

function check(claim: string, printed = PRINTED) {
  const claimed = words(claim)
  const a = align(claimed, words(printed))
  return { ...a, verdict: verdictOf(claimed, a) }
}

/** The claim rebuilt from a diff: equal and inserted words. */
const claimOf = (diff: { op: string; text: string }[]) =>
  diff
    .filter((o) => o.op !== 'delete')
    .map((o) => o.text)
    .join(' ')
/** The printed text rebuilt from a diff: equal and deleted words, in order. */
const printedOf = (diff: { op: string; text: string }[]) =>
  diff
    .filter((o) => o.op !== 'insert')
    .map((o) => o.text)
    .join(' ')

describe('align', () => {
  it('finds a verbatim excerpt; the printed words around it are context', () => {
    const a = check('revenge will be taken on those who ordered it')
    expect(a).toMatchObject({ similarity: 1, excerpt: true, span: [2, 11], equal: 9, verdict: 'verbatim' })
    expect(a.diff).toEqual([
      { op: 'delete', text: 'Of course' },
      { op: 'equal', text: 'revenge will be taken on those who ordered it' },
      { op: 'delete', text: 'and the murderers' },
    ])
  })

  it('ignores case, punctuation and apostrophe forms', () => {
    const a = check('OF COURSE REVENGE WILL BE TAKEN ON THOSE WHO ORDERED IT AND THE MURDERERS!')
    expect(a).toMatchObject({ similarity: 1, excerpt: false, verdict: 'verbatim' })
    expect(check("the enemy's bones", 'The enemy’s bones are being crushed').verdict).toBe('verbatim')
  })

  it('shows a changed word as a deletion then an insertion', () => {
    const a = check('revenge will be taken against those who ordered it and the murderers')
    expect(a.diff).toEqual([
      { op: 'delete', text: 'Of course' },
      { op: 'equal', text: 'revenge will be taken' },
      { op: 'delete', text: 'on' },
      { op: 'insert', text: 'against' },
      { op: 'equal', text: 'those who ordered it and the murderers' },
    ])
    expect(a.similarity).toBeGreaterThanOrEqual(CLOSE)
    expect(a.similarity).toBeLessThan(1)
    expect(a.verdict).toBe('close')
  })

  it('always rebuilds both texts from the diff', () => {
    for (const claim of [
      'Indeed revenge will be taken',
      'Those who ordered it and the murderers will face revenge',
      'the cat sat on the mat',
      'murderers murderers murderers',
      PRINTED,
    ]) {
      const a = check(claim)
      const folded = (text: string) => words(text).map((w) => w.norm)
      expect(folded(claimOf(a.diff))).toEqual(folded(claim))
      expect(folded(printedOf(a.diff))).toEqual(folded(PRINTED))
    }
  })

  it('weighs content words over function words', () => {
    const article = check('revenge will be taken on a those who ordered it and the murderers')
    const noun = check('revenge will be taken on those who ordered it and the killers')
    expect(article.similarity).toBeGreaterThan(noun.similarity)
  })

  it('counts a claim longer than the print against it', () => {
    const a = check(`${PRINTED}, he told the crowd in Tehran on Friday`)
    expect(a.excerpt).toBe(false)
    expect(a.similarity).toBeLessThan(1)
    expect(a.diff.at(-1)).toEqual({ op: 'insert', text: 'he told the crowd in Tehran on Friday' })
  })

  it('has similarity 0 with nothing in common, and handles empty input', () => {
    expect(check('entirely unrelated words here').similarity).toBe(0)
    expect(align([], words(PRINTED))).toMatchObject({ similarity: 0, equal: 0, excerpt: false })
    expect(align(words('hello'), [])).toMatchObject({ similarity: 0, diff: [{ op: 'insert', text: 'hello' }] })
  })
})

describe('verdictOf', () => {
  it('tells verbatim, close, paraphrase and not found apart', () => {
    expect(check('revenge will be taken on those who ordered it').verdict).toBe('verbatim')
    expect(check('revenge will be taken against those who ordered it and the murderers').verdict).toBe('close')
    const reworded = check('Those who ordered it and the murderers will face revenge')
    expect(reworded.verdict).toBe('paraphrase')
    expect(reworded.similarity).toBeGreaterThanOrEqual(PARAPHRASE)
    expect(check('Revenge will be taken on those who gave the order and the killers').verdict).toBe('paraphrase')
    expect(check('the cat sat on the mat and purred').verdict).toBe('not_found')
  })

  it('does not call shared function words a paraphrase', () => {
    const a = check('on those who it and the')
    expect(a.equal).toBeGreaterThan(0)
    expect(a.verdict).not.toBe('paraphrase')
    expect(check('it and the weather on those days').verdict).toBe('not_found')
  })

  it('needs every word, in order and side by side, for verbatim', () => {
    expect(check('revenge will be taken on those who it').verdict).not.toBe('verbatim')
    expect(check('will revenge be taken on those who ordered it').verdict).not.toBe('verbatim')
  })
})

describe('joinOps', () => {
  it('joins runs and puts deletions before insertions within a change', () => {
    expect(
      joinOps([
        { op: 'equal', text: 'a' },
        { op: 'equal', text: 'b' },
        { op: 'insert', text: 'x' },
        { op: 'delete', text: 'c' },
        { op: 'insert', text: 'y' },
        { op: 'equal', text: 'd' },
      ]),
    ).toEqual([
      { op: 'equal', text: 'a b' },
      { op: 'delete', text: 'c' },
      { op: 'insert', text: 'x y' },
      { op: 'equal', text: 'd' },
    ])
  })
})
