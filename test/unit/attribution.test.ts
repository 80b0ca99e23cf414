import { describe, expect, it } from 'vitest'
import { chooseSpeaker } from '../../scripts/extract/choose'
import { extractQuotations } from '../../scripts/extract/extract'
import { candidateFeatures, type Features, type QuoteView } from '../../scripts/extract/features'
import { findQuotations } from '../../scripts/extract/marks'
import { candidateMentions, indexArticle } from '../../scripts/extract/mentions'
import { findPeople } from '../../scripts/extract/people'
import { type AttributionModel, calibrate, choose, score, softmax } from '../../scripts/extract/ranker'
import { buildRegistry } from '../../scripts/extract/registry'
import { bestThreshold, isotonic, label, labels } from '../../scripts/train/attribution-data'
import { fitRanker } from '../../scripts/train/fit'
import { formatModel } from '../../scripts/train/model-json'
import type { Source } from '../../src/types'

const source = (body: string): Source => ({
  id: 't',
  title: 't',
  outlet: null,
  url: null,
  published: '2016-01-02',
  license: null,
  language: 'en',
  body,
  removed: [],
})

/** The speaker name and mention words of each quote, with the committed model. */
function attribute(body: string) {
  const registry = buildRegistry([])
  return extractQuotations(source(body), registry).map((o) => ({
    text: o.text,
    speaker: registry.speakers.find((s) => s.id === o.speaker)?.name ?? null,
    mention: o.speaker_mention ? body.slice(o.speaker_mention.start, o.speaker_mention.end) : null,
    confidence: o.confidence,
  }))
}

const view = (body: string, index = 0): QuoteView => {
  const spans = findQuotations(body)
  return {
    body,
    span: spans[index] as QuoteView['span'],
    spans,
    article: indexArticle(body, spans, findPeople(body)),
    opensParagraph: false,
    woven: false,
    adjacent: true,
    rule: null,
    previous: null,
  }
}

describe('stage (a): candidate mentions', () => {
  it('takes names, pronouns and descriptions around the quote, and nothing inside a quotation', () => {
    const body = 'Rep. Jim Jordan (R-Ohio) said Tuesday that "Lisa Monaco is wrong," and the White House spokesman said he disagreed.'
    const spans = findQuotations(body)
    const texts = candidateMentions(body, spans[0] as (typeof spans)[0], indexArticle(body, spans, findPeople(body))).map(
      (c) => `${c.type}:${c.text}`,
    )
    expect(texts).toContain('name:Jim Jordan')
    expect(texts).toContain('nominal:the White House spokesman')
    expect(texts).toContain('pronoun:he')
    expect(texts.some((t) => t.includes('Monaco'))).toBe(false)
  })

  it('keeps the "of" part of an organisation but not of a person', () => {
    const body = '“Rates stay,” said the Bank of England. “Fine,” said Jane Roe of Acme Group.'
    const spans = findQuotations(body)
    const texts = candidateMentions(body, spans[1] as (typeof spans)[0], indexArticle(body, spans, findPeople(body))).map((c) => c.text)
    expect(texts).toContain('Jane Roe')
    expect(texts).not.toContain('Jane Roe of Acme Group')
  })
})

describe('stage (b): features and the conditional logit', () => {
  it('marks a name followed by a speech verb and one after a speech verb, but not the one spoken to', () => {
    const body = '“We will win,” Claire McCaskill told Mike Pence.'
    const v = view(body)
    const cands = candidateMentions(body, v.span, v.article)
    const byText = new Map(cands.map((c, i) => [c.text, candidateFeatures(v, cands)[i]]))
    expect(byText.get('Claire McCaskill')?.['verbAfter:after']).toBe(1)
    expect(byText.get('Mike Pence')?.['objectOfVerb:after']).toBe(1)
    expect(byText.get('Mike Pence')?.['verbBefore:after']).toBeUndefined()
  })

  it('gives a same-sentence candidate the word its clause goes on with, past an apposition, and none the word before the quote', () => {
    const body = 'Ted Cruz, a Texas senator, pledged to oppose legal status “today, tomorrow, forever.”'
    const v = { ...view(body), woven: true }
    const cands = [...candidateMentions(body, v.span, v.article), { type: 'none' as const, start: -1, end: -1, text: '' }]
    const features = candidateFeatures(v, cands)
    const cruz = features[cands.findIndex((c) => c.text === 'Ted Cruz')]
    expect(Object.keys(cruz ?? {}).filter((k) => k.startsWith('next:'))).toEqual(['next:before:pledged'])
    expect(Object.keys(features[cands.length - 1] ?? {}).filter((k) => k.startsWith('none&lead:'))).toEqual(['none&lead:status'])
  })

  it('reads punctuation before a quote as its lead, and no lead for a quote opening its paragraph', () => {
    const body = 'Jane Roe said: “We will win.”'
    const none = { type: 'none' as const, start: -1, end: -1, text: '' }
    expect(candidateFeatures(view(body), [none])[0]?.['none&lead::']).toBe(1)
    const opening = { ...view(body), opensParagraph: true }
    expect(Object.keys(candidateFeatures(opening, [none])[0] ?? {}).some((k) => k.startsWith('none&lead:'))).toBe(false)
  })

  it('softmax sums to one and choose returns the highest-scoring candidate', () => {
    const p = softmax([1, 2, 3])
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(choose({ a: 1 }, [{ a: 0.5 }, { a: 2 }, {}]).index).toBe(1)
  })

  it('fit learns a separable toy problem deterministically', () => {
    const groups = Array.from({ length: 40 }, (_, i) => {
      const good: Features = { good: 1, noise: i % 2 }
      const bad: Features = { bad: 1, noise: (i + 1) % 2 }
      return { features: [good, bad], gold: 0 }
    })
    const { weights } = fitRanker(groups, { iterations: 100 })
    expect(weights.good).toBeGreaterThan(weights.bad as number)
    expect(fitRanker(groups, { iterations: 100 }).weights).toEqual(weights)
  })

  // Exclusive or: the right candidate has exactly one of a and b. No linear score ranks all four pairs right.
  const xor = [
    [{ a: 1 }, { a: 1, b: 1 }],
    [{ b: 1 }, {}],
    [{ a: 1, b: 1 }, { b: 1 }],
    [{}, { a: 1 }],
  ].map((pair) => ({
    features: [...pair, { none: 1 }] as Features[],
    gold: ((pair[0] as Features).a === 1) !== ((pair[0] as Features).b === 1) ? 0 : 1,
  }))
  const rightOnXor = (m: { weights: Record<string, number>; hidden?: AttributionModel['hidden'] }) =>
    xor.filter((g) => choose(m.weights, g.features, m.hidden).index === g.gold).length

  it('the hidden layer learns an interaction of features the linear score cannot', () => {
    expect(rightOnXor(fitRanker(xor, { iterations: 400 }))).toBeLessThan(4)
    const withHidden = fitRanker(xor, { iterations: 400, hidden: 4, seed: 3, spread: 0.5 })
    expect(rightOnXor(withHidden)).toBe(4)
    expect(fitRanker(xor, { iterations: 400, hidden: 4, seed: 3, spread: 0.5 })).toEqual(withHidden)
  })

  it('scores a candidate as the linear part plus the weighted tanh of each unit', () => {
    const hidden = { bias: [0.5, -1], out: [2, 3], weights: { a: [1, 0.5], b: [-1, 2] } }
    const expected = 0.25 * 2 + 2 * Math.tanh(0.5 + 2 * 1 - 1) + 3 * Math.tanh(-1 + 2 * 0.5 + 2)
    expect(score({ a: 0.25 }, { a: 2, b: 1 }, hidden)).toBeCloseTo(expected, 12)
    expect(score({ a: 0.25 }, { a: 2, b: 1 })).toBe(0.5)
  })

  it('writes the model as JSON that reads back unchanged, each feature’s unit weights on one line', () => {
    const model: AttributionModel = {
      trained: { corpus: 'toy', groups: 1, iterations: 1, l2: 0, hidden: 2, seed: 1 },
      weights: { a: -0.5 },
      hidden: { bias: [0.1, -2e-4], out: [1, -1], weights: { a: [0.25, -3] } },
      calibration: [{ p: 0.5, accuracy: 0.6 }],
      threshold: 0.6,
    }
    const text = formatModel(model)
    expect(JSON.parse(text)).toEqual(model)
    expect(text).toContain('"a": [0.25, -3]')
  })
})

describe('stage (c): resolution, as the whole pipeline reads US news conventions', () => {
  it('keeps middle initials and takes the name, not the title, from "Rep." and "the Rev."', () => {
    const out = attribute(
      '“This bill will not pass,” said Representative Charles B. Rangel of New York.\n\n“Pray for them,” the Rev. Al Sharpton said.',
    )
    expect(out.map((o) => o.speaker)).toEqual(['Charles B. Rangel', 'Al Sharpton'])
  })

  it('credits a phrase quoted inside reported speech to the one reporting it', () => {
    const out = attribute('Donald Trump said on Tuesday that Hillary Clinton was “dangerous” and “unfit” for the job.')
    expect(out.map((o) => [o.text, o.speaker])).toEqual([
      ['dangerous', 'Donald Trump'],
      ['unfit', 'Donald Trump'],
    ])
  })

  it('points at the words naming the speaker, which are the body at those offsets', () => {
    const body = 'The vote was close on Tuesday.\n\n“We need one more,” said Sen. Claire McCaskill (D-Mo.), who counted the votes.'
    const registry = buildRegistry([])
    const [o] = extractQuotations(source(body), registry)
    expect(registry.speakers.find((s) => s.id === o?.speaker)?.name).toBe('Claire McCaskill')
    expect(o?.speaker_mention?.text).toBe('Claire McCaskill')
    expect(body.slice(o?.speaker_mention?.start, o?.speaker_mention?.end)).toBe('Claire McCaskill')
  })
})

describe('stage (d): calibration and abstention', () => {
  it('isotonic calibration never decreases with the probability', () => {
    const pairs = Array.from({ length: 200 }, (_, i) => ({ p: i / 200, right: (i * 7919) % 10 < 3 + (i / 200) * 6 }))
    const points = isotonic(pairs, 10)
    for (let i = 1; i < points.length; i++) expect(points[i]?.accuracy).toBeGreaterThanOrEqual(points[i - 1]?.accuracy as number)
    expect(calibrate(points, 0)).toBe(points[0]?.accuracy)
  })

  it('picks the threshold that maximises right minus twice wrong', () => {
    const points = [
      { p: 0.2, accuracy: 0.4 },
      { p: 0.8, accuracy: 0.9 },
    ]
    const outcomes = [
      { p: 0.2, right: false },
      { p: 0.2, right: false },
      { p: 0.2, right: true },
      { p: 0.8, right: true },
    ]
    expect(bestThreshold(points, outcomes, (p) => calibrate(points, p))).toBe(0.9)
  })

  it('names no one below the model threshold, and gives no mention then', () => {
    const body = '“We will win,” Claire McCaskill said.'
    const registry = buildRegistry([])
    const v = view(body)
    const model: AttributionModel = {
      trained: { corpus: 'toy', groups: 0, iterations: 0, l2: 0 },
      weights: { 'type:name': 1 },
      calibration: [{ p: 0, accuracy: 0.5 }],
      threshold: 0.6,
    }
    const ctx = {
      registry,
      people: findPeople(body),
      last: null,
      genders: new Map(),
      orgs: new Set<string>(),
      body,
      sentenceStart: () => 0,
    }
    const chosen = chooseSpeaker({
      ctx,
      source: 't',
      view: v,
      people: ctx.people,
      rule: { speaker: null, confidence: 0, mention: null },
      model,
    })
    expect(chosen).toMatchObject({ speaker: null, mention: null, confidence: 0 })
  })

  it('keeps a speaker the registry names by role below the threshold, with its calibrated confidence', () => {
    const body = '“Revenge will be taken,” said the Leader of the Revolution in a meeting.'
    const model: AttributionModel = {
      trained: { corpus: 'toy', groups: 0, iterations: 0, l2: 0 },
      weights: { 'type:nominal': 3 },
      calibration: [{ p: 0, accuracy: 0.5 }],
      threshold: 0.6,
    }
    const speakerOf = (registry: ReturnType<typeof buildRegistry>) => {
      const [o] = extractQuotations(source(body), registry, { model })
      return { speaker: registry.speakers.find((s) => s.id === o?.speaker)?.name ?? null, confidence: o?.confidence }
    }
    expect(speakerOf(buildRegistry([{ name: 'Ali Khamenei', roles: ['Leader of the Revolution'] }]))).toEqual({
      speaker: 'Ali Khamenei',
      confidence: 0.5,
    })
    expect(speakerOf(buildRegistry([]))).toEqual({ speaker: null, confidence: 0 })
  })

  it('labels the candidate overlapping the annotated source mention as right', () => {
    const body = '“We will win,” Claire McCaskill said.'
    const v = view(body)
    const candidates = candidateMentions(body, v.span, v.article)
    const group = {
      source: 't',
      quote: { start: 1, end: 14 },
      candidates: [...candidates, { type: 'none' as const, start: -1, end: -1, text: '' }],
      features: [],
      ruleName: null,
    }
    const gold = {
      source: 't',
      publisher: 'x',
      text: 'We will win,',
      bodyStart: 1,
      speaker: 'McCaskill',
      speakerType: 'PERSON' as const,
      speakerMention: 'Claire McCaskill',
      resolvedBy: 'name' as const,
      mentionSpans: [[15, 31]] as [number, number][],
      cueSpans: null,
    }
    expect(group.candidates[label(group, gold)]?.text).toBe('Claire McCaskill')
    expect(group.candidates[label(group, null)]?.type).toBe('none')
  })

  it('counts every mention of the gold speaker as right for training, and "none" only when nothing is', () => {
    const body = 'Sen. Claire McCaskill voted no. “We will win,” she said, and McCaskill left.'
    const v = view(body)
    const candidates = [...candidateMentions(body, v.span, v.article), { type: 'none' as const, start: -1, end: -1, text: '' }]
    const group = { source: 't', quote: { start: 33, end: 45 }, candidates, features: [], ruleName: null }
    const she = body.indexOf('she')
    const gold = {
      source: 't',
      publisher: 'x',
      text: 'We will win,',
      bodyStart: 33,
      speaker: 'Claire McCaskill',
      speakerType: 'PERSON' as const,
      speakerMention: 'she',
      resolvedBy: 'coref' as const,
      mentionSpans: [[she, she + 3]] as [number, number][],
      cueSpans: null,
    }
    expect(labels(group, gold).map((i) => candidates[i]?.text)).toEqual(['Claire McCaskill', 'she', 'McCaskill'])
    expect(labels(group, { ...gold, speaker: 'Nobody Else', mentionSpans: [] }).map((i) => candidates[i]?.type)).toEqual(['none'])
  })
})
