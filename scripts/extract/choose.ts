/**
 * @module
 * Attribution stages (b) to (d) for one quotation: rank its candidate mentions (mentions.ts,
 * features.ts, ranker.ts), resolve the winner to a speaker (attribute.ts), calibrate the confidence
 * and abstain below the threshold. The cue rules' answer is one of the candidates, so the model
 * learns when to trust them.
 */
import type { SpeakerMention } from '../../src/types'
import { type ArticleContext, attributeSpeaker } from './attribute'
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
  collect?: (group: CandidateGroup) => void
}

const TITLE_BEFORE = /\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\.?\s+$/

const asMention = (c: Candidate, body: string): SpeakerMention => ({ text: body.slice(c.start, c.end), start: c.start, end: c.end })

/** The speaker of one quotation; without a model, the rules' answer with the mention they agree with. */
export function chooseSpeaker(input: ChooseInput): Chosen {
  const { ctx, view, rule, model } = input
  const { body } = view
  const candidates: Candidate[] = [...candidateMentions(body, view.span, view.article)]
  if (rule.speaker) candidates.push({ type: 'rule', start: -1, end: -1, text: '' })
  candidates.push({ type: 'none', start: -1, end: -1, text: '' })
  const features = candidateFeatures(view, candidates)
  input.collect?.({
    source: input.source,
    quote: { start: view.span.start, end: view.span.end },
    candidates,
    features,
    ruleName: view.rule?.name ?? null,
  })
  const agreeing = candidates.filter((_, i) => features[i]?.ruleAgrees)
  const open = view.span.open < 0 ? view.span.start : view.span.open
  // The words that name the rules' speaker: the agreeing mention nearest the quote.
  const nearest = agreeing.sort((a, b) => Math.abs(a.start - open) - Math.abs(b.start - open))[0]
  const ruleMention = rule.mention ?? (nearest ? asMention(nearest, body) : null)
  if (!model) return { speaker: rule.speaker, confidence: rule.confidence, mention: rule.speaker ? ruleMention : null, p: rule.confidence }
  const { index, p } = choose(model.weights, features, model.hidden)
  const winner = candidates[index] as Candidate
  let speaker: string | null = null
  let mention: SpeakerMention | null = null
  if (winner.start >= 0 && winner.start === view.previous?.mention && view.previous.speaker) {
    // The words that named the previous quote's speaker name this one's too ("“A,” he said. “B.”").
    speaker = view.previous.speaker
    mention = asMention(winner, body)
  } else if (winner.type === 'rule' || (winner.type !== 'none' && features[index]?.ruleAgrees)) {
    speaker = rule.speaker
    mention = winner.type === 'rule' ? ruleMention : asMention(winner, body)
  } else if (winner.type === 'org' && winner.person) {
    speaker = addSpeaker(ctx.registry, { name: winner.person.name })
    ctx.orgs.add(speaker)
    mention = asMention(winner, body)
  } else if (winner.type === 'name' && winner.person) {
    // A one-word name keeps the title before it: "Mr. He" is a name, "He" alone a pronoun.
    const title = winner.person.name.includes(' ') ? null : TITLE_BEFORE.exec(body.slice(Math.max(0, winner.start - 8), winner.start))
    const text = title ? `${title[1]} ${winner.person.name}` : winner.person.name
    // A one-word name is resolved from before the mention, so that an earlier, fuller form is found, not the mention itself.
    const at = title ? Math.min(winner.start, open) - 2 : winner.start
    speaker = attributeSpeaker(ctx, { type: 'name', text }, at).speaker
    mention = asMention(winner, body)
  } else if (winner.type === 'nominal') {
    // "the Leader of the Opposition", "a spokeswoman for Acme", "the Texas senator": roles, organisations, people introduced.
    speaker = attributeSpeaker(ctx, { type: 'nominal', text: winner.text }, open).speaker
    mention = asMention(winner, body)
  } else if (winner.type === 'pronoun') {
    // Stage (c) for pronouns stays with the rules (attribute.ts): a trained antecedent ranker did not beat them on dev.
    speaker = attributeSpeaker(ctx, { type: 'pronoun', text: winner.text.toLowerCase() }, open).speaker
    mention = asMention(winner, body)
  }
  const confidence = Math.round(calibrate(model.calibration, p) * 100) / 100
  // Below the threshold no one is named, unless the words name someone the corpus's own registry lists (a
  // role or alias in speakers.yaml: knowledge the model was never trained with); the confidence stays as calibrated.
  const curated = speaker !== null && ctx.registry.curated.has(speaker) && winner.type !== 'pronoun'
  if (!speaker || (confidence < model.threshold && !curated)) return { speaker: null, confidence: 0, mention: null, p }
  return { speaker, confidence, mention, p }
}
