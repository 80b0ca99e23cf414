/**
 * @module
 * One source in, its quotations out. Steps, each a small pure function:
 *   1. marks.ts   pair quote marks into spans (apostrophes, nesting, reopened paragraphs, recovery);
 *   2. people.ts  find the people the article names, their roles and gender;
 *   3. cues.ts    read the words around each span for who spoke ("…,” said Roe", "Roe said: “…");
 *   4. attribute.ts  resolve that cue to a speaker (surname, pronoun, role, organisation);
 *   5. continuation.ts  the rules' answer for quotes without a cue (the speaker of their paragraph,
 *                 or of the quote just before when they open the next paragraph);
 *   6. mentions.ts, features.ts, ranker.ts, choose.ts  the trained ranker chooses among the mentions
 *                 around each quote and the rules' answer, with a calibrated confidence (docs/attribution.md);
 *   7. kind.ts, dates.ts  quotation or fragment, and the date it was said.
 */
import type { DateSource, Occurrence, Source } from '../../src/types'
import { type ArticleContext, attributeSpeaker, newContext } from './attribute'
import MODEL_JSON from './attribution-model.json'
import { type CandidateGroup, chooseSpeaker } from './choose'
import { type Inherited, inherit, pullQuoteSpeakers, sameSentence, turnDate } from './continuation'
import { findCues } from './cue-reading'
import { BRACKET_DATE, parseDate } from './dates'
import { surnameKey } from './features'
import { classifyKind } from './kind'
import { findQuotations, paragraphEnd, type Span, sentenceStart } from './marks'
import { indexArticle } from './mentions'
import { findPeople } from './people'
import type { AttributionModel } from './ranker'
import type { Registry } from './registry'
import { transcriptVoice } from './transcript'

/** The trained attribution model (npm run train:attribution); an empty model leaves the rules' answers. */
const MODEL: AttributionModel | null = (MODEL_JSON as AttributionModel).weights ? (MODEL_JSON as AttributionModel) : null

/** "[Jan. 8, 2020]" right after the quote dates it; otherwise the source's publication date. */
function quoteDate(body: string, span: Span, published: string | null): { date: string | null; date_source: DateSource } {
  const near = body.slice(span.close + 1, span.close + 40)
  BRACKET_DATE.lastIndex = 0
  const m = BRACKET_DATE.exec(near)
  if (m && near.slice(0, m.index).trim() === '') {
    const date = parseDate(m[1] ?? '')
    if (date) return { date, date_source: 'text' }
  }
  return published ? { date: published, date_source: 'published' } : { date: null, date_source: 'unknown' }
}

export interface ExtractOptions {
  /** The attribution model; null gives the cue rules' answers alone. Default: attribution-model.json. */
  model?: AttributionModel | null
  /** Receives every quote's candidates and features (for training). */
  collect?: (group: CandidateGroup) => void
}

export function extractQuotations(source: Source, registry: Registry, options: ExtractOptions = {}): Occurrence[] {
  const model = options.model === undefined ? MODEL : options.model
  const { body } = source
  const spans = findQuotations(body)
  const people = findPeople(body).map((p) => ({ ...p, quoted: spans.some((s) => p.at >= s.start && p.at < s.end) }))
  const ctx: ArticleContext = newContext(registry, people, body, (at) => sentenceStart(body, at))
  const voice = transcriptVoice(body, people)
  if (voice) ctx.voice = voice
  const found = findCues(body, spans, source.published)
  const article = indexArticle(body, spans, people)
  const out: Occurrence[] = []
  for (const [i, f] of found.entries()) {
    const at = f.span.open < 0 ? f.span.start : f.span.open
    // A headline or standfirst line printed at the top of the body: its quoted words are a fragment,
    // said by the person the next paragraph reports as speaking ("'We got it wrong': Minister admits …").
    const line = body.slice(f.paragraph, paragraphEnd(body, f.paragraph))
    const headline = f.paragraph === 0 && !/[.!?…]["”’']?\s*$/.test(line) && line.split(/\s+/).length <= 20 && body.includes('\n')
    const kind =
      f.heading || headline
        ? 'fragment'
        : classifyKind(f.text, { cued: f.adjacent, standalone: f.standalone, introduced: f.introduced, woven: f.woven })
    let who: Inherited = { speaker: null, confidence: 0 }
    let ruleCue: string = f.cue?.type ?? 'none'
    // "“…,” he said. “…” John Doe (ABC)": in a signed paragraph, "he" is the signer.
    const signer = f.cue?.type === 'pronoun' ? found.slice(i).find((g) => g.paragraph === f.paragraph && g.signed)?.signed : undefined
    if (signer) {
      who = attributeSpeaker(ctx, signer, at)
      ruleCue = 'signed'
    } else if (f.cue) who = attributeSpeaker(ctx, f.cue, at)
    else if (headline) {
      ruleCue = 'headline'
      const next = body.indexOf('\n', 0)
      const end = paragraphEnd(body, body.slice(next).search(/\S/) + next)
      const named = people.find((p) => p.at > next && p.at < end && !p.org && !p.quoted && (p.speaks || p.subject))
      if (named) who = attributeSpeaker(ctx, { type: 'name', text: named.name }, named.at)
    } else if (kind === 'quotation') {
      who = inherit(body, found, out, i, ctx, at)
      ruleCue = 'inherited'
    } else {
      who = sameSentence(body, found, out, i)
      ruleCue = 'sameSentence'
    }
    const previous = out[i - 1]
    const inheritedMention = who.dateFrom !== undefined && who.dateFrom < i ? (previous?.speaker_mention ?? null) : null
    const ruleName = who.speaker ? (registry.byId.get(who.speaker)?.name ?? who.speaker) : null
    // The article's structure decides before the ranker, which never saw it in training: transcript turns,
    // headline lines, signed round-up quotes, and a nickname quoted inside a name ("Mary “Ace” Poe").
    const nickname = people.some((p) => p.nick === f.text && f.span.start > p.at && f.span.start - p.at < 40)
    const structural = ruleCue === 'signed' || ruleCue === 'headline' || voice !== undefined || nickname
    if (nickname) who = { speaker: null, confidence: 0 }
    const chosen = chooseSpeaker({
      ctx,
      source: source.id,
      people,
      model: structural ? null : model,
      ...(options.collect ? { collect: options.collect } : {}),
      rule: { speaker: who.speaker, confidence: who.confidence, mention: inheritedMention },
      view: {
        body,
        span: f.span,
        spans,
        article,
        opensParagraph: f.span.open === f.paragraph,
        woven: f.woven,
        adjacent: f.adjacent,
        rule: ruleName
          ? {
              name: ruleName,
              cue: ruleCue,
              confidence: who.confidence,
              ...(f.cue?.type === 'pronoun' ? { pronoun: f.cue.text.toLowerCase() } : {}),
            }
          : null,
        previous: previous
          ? {
              mention: previous.speaker_mention?.start ?? null,
              speaker: previous.speaker,
              surname: previous.speaker ? surnameKey(registry.byId.get(previous.speaker)?.name ?? previous.speaker) : null,
              sameParagraph: found[i - 1]?.paragraph === f.paragraph,
            }
          : null,
      },
    })
    const dated = quoteDate(body, f.span, source.published)
    // A date stated in the cue's clause, or in that of the quote this one shares a speaker turn with.
    const when = f.when ?? (who.dateFrom !== undefined ? turnDate(body, found, out, i, who.dateFrom) : null)
    out.push({
      source: source.id,
      start: f.span.start,
      end: f.span.end,
      text: f.text,
      speaker: chosen.speaker,
      confidence: chosen.confidence,
      ...(chosen.mention ? { speaker_mention: chosen.mention } : {}),
      kind,
      ...(dated.date_source !== 'text' && when ? { date: when, date_source: 'text' as const } : dated),
    })
  }
  pullQuoteSpeakers(out)
  return out
}
