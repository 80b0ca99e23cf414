/**
 * @module
 * Attribution stages (b) to (d) for one quotation: rank its candidate mentions (mentions.ts,
 * features.ts, ranker.ts), resolve the winner to a speaker (attribute.ts), calibrate the confidence
 * and abstain below the threshold. The cue rules' answer is one of the candidates, so the model
 * learns when to trust them.
 */
import type { SpeakerMention } from '../../src/types'
import { antecedentEntities, antecedentFeatures, type Entity, entityKey } from './antecedents'
import { type ArticleContext, attributeSpeaker, continueSpeaker, pronounRule } from './attribute'
import { candidateFeatures, type Features, type QuoteView } from './features'
import { type Candidate, candidateMentions } from './mentions'
import type { Mention } from './people'
import { type AttributionModel, calibrate, choose } from './ranker'
import { addSpeaker } from './registry'

/** One quote's candidates and their features, for training (scripts/train-attribution.ts). */
export interface CandidateGroup {
  source: string
  quote: { start: number; end: number }
  candidates: Candidate[]
  features: Features[]
  /** The name the rules gave, if any: the `rule` candidate is right when it is. */
  ruleName: string | null
  /** For a pronoun candidate: the entities it may refer to and their features (stage c). */
  antecedents: (candidate: number) => { entities: Entity[]; features: Features[] } | null
}

export interface Chosen {
  speaker: string | null
  confidence: number
  mention: SpeakerMention | null
  /** The winning candidate's probability before calibration (for calibration itself). */
  p: number
}

export interface ChooseInput {
  ctx: ArticleContext
  source: string
  view: QuoteView
  people: Mention[]
  /** The rules' speaker id and confidence. */
  rule: { speaker: string | null; confidence: number; mention: SpeakerMention | null }
  model: AttributionModel | null
  /** Speakers of the article's earlier quotes (surname key) and where each quote stood. */
  spoken: { key: string; at: number }[]
  collect?: (group: CandidateGroup) => void
}

/** Pronouns resolved by the antecedent model; "I", "we" and "you" are resolved by the transcript rules. */
const THIRD_PERSON = new Set(['he', 'she', 'they', 'it'])

const asMention = (c: Candidate, body: string): SpeakerMention => ({ text: body.slice(c.start, c.end), start: c.start, end: c.end })

/** The speaker of one quotation; without a model, the rules' answer with the mention they agree with. */
export function chooseSpeaker(input: ChooseInput): Chosen {
  const { ctx, view, rule, model } = input
  const { body } = view
  const candidates: Candidate[] = candidateMentions(body, view.span, view.spans, input.people)
  if (rule.speaker) candidates.push({ type: 'rule', start: -1, end: -1, text: '' })
  candidates.push({ type: 'none', start: -1, end: -1, text: '' })
  const features = candidateFeatures(view, candidates)
  const antecedents = (i: number) => {
    const c = candidates[i]
    if (c?.type !== 'pronoun' || !THIRD_PERSON.has(c.text.toLowerCase())) return null
    const pronoun = c.text.toLowerCase()
    const entities = antecedentEntities(body, c.start, input.people, view.spans, pronoun)
    // The pronoun rules' answer (attribute.ts) is one feature among the others.
    const ruled = pronounRule(ctx, pronoun, view.span.open < 0 ? view.span.start : view.span.open)
    const rule = ruled ? entityKey(ctx.registry.byId.get(ruled)?.name ?? ruled) : null
    return { entities, features: antecedentFeatures({ body, at: c.start, pronoun, spoken: input.spoken, rule }, entities) }
  }
  input.collect?.({
    source: input.source,
    quote: { start: view.span.start, end: view.span.end },
    candidates,
    features,
    ruleName: view.rule?.name ?? null,
    antecedents,
  })
  const agreeing = candidates.filter((_, i) => features[i]?.ruleAgrees)
  const open = view.span.open < 0 ? view.span.start : view.span.open
  // The words that name the rules' speaker: the agreeing mention nearest the quote.
  const nearest = agreeing.sort((a, b) => Math.abs(a.start - open) - Math.abs(b.start - open))[0]
  const ruleMention = rule.mention ?? (nearest ? asMention(nearest, body) : null)
  if (!model) return { speaker: rule.speaker, confidence: rule.confidence, mention: rule.speaker ? ruleMention : null, p: rule.confidence }
  const { index, p } = choose(model.weights, features)
  const winner = candidates[index] as Candidate
  let probability = p
  let speaker: string | null = null
  let mention: SpeakerMention | null = null
  if (winner.type === 'rule' || (winner.type !== 'none' && features[index]?.ruleAgrees)) {
    speaker = rule.speaker
    mention = winner.type === 'rule' ? ruleMention : asMention(winner, body)
  } else if (winner.type === 'org' && winner.person) {
    speaker = addSpeaker(ctx.registry, { name: winner.person.name })
    ctx.orgs.add(speaker)
    mention = asMention(winner, body)
  } else if (winner.type === 'name' && winner.person) {
    speaker = attributeSpeaker(ctx, { type: 'name', text: winner.person.name }, winner.start).speaker
    mention = asMention(winner, body)
  } else if (winner.type === 'pronoun') {
    const resolved = model.antecedents ? antecedents(index) : null
    if (resolved && model.antecedents) {
      // Stage (c) by the antecedent model: the entity, or no one.
      const pick = choose(model.antecedents, resolved.features)
      const entity = resolved.entities[pick.index]
      probability *= pick.p
      if (entity) {
        const at = (entity.mentions[entity.mentions.length - 1] as Mention).at
        speaker = entity.org ? addSpeaker(ctx.registry, { name: entity.name }) : attributeSpeaker(ctx, { type: 'name', text: entity.name }, at).speaker
        if (speaker) continueSpeaker(ctx, speaker, open)
      }
    } else speaker = attributeSpeaker(ctx, { type: 'pronoun', text: winner.text.toLowerCase() }, open).speaker
    mention = asMention(winner, body)
  }
  const confidence = Math.round(calibrate(model.calibration, probability) * 100) / 100
  if (!speaker || confidence < model.threshold) return { speaker: null, confidence: 0, mention: null, p: probability }
  return { speaker, confidence, mention, p: probability }
}
