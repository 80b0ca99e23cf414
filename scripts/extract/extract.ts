/**
 * @module
 * One source in, its quotations out. Steps, each a small pure function:
 *   1. marks.ts   pair quote marks into spans (apostrophes, nesting, reopened paragraphs, recovery);
 *   2. people.ts  find the people the article names, their roles and gender;
 *   3. cues.ts    read the words around each span for who spoke ("…,” said Roe", "Roe said: “…");
 *   4. attribute.ts  resolve that cue to a speaker (surname, pronoun, role, organisation);
 *   5. here       quotes without a cue take the speaker of their paragraph, or of the quote just
 *                 before when they open the next paragraph (news style for a speaker who goes on);
 *   6. kind.ts, dates.ts  quotation or fragment, and the date it was said.
 */
import { foldName } from '../../src/text'
import type { DateSource, Occurrence, Source } from '../../src/types'
import { type ArticleContext, attributeSpeaker, continueSpeaker, newContext } from './attribute'
import MODEL_JSON from './attribution-model.json'
import { type CandidateGroup, chooseSpeaker } from './choose'
import { type Cue, cueAfter, cueBefore, cueEmbedded, cueSignature, SPEECH_VERBS, sentenceSubject } from './cues'
import { BRACKET_DATE, parseDate } from './dates'
import { classifyKind, wordCount } from './kind'
import { findQuotations, type Span, sentenceStart } from './marks'
import { indexArticle } from './mentions'
import { NAME_SOURCE, surname } from './names'
import { findPeople, type Mention } from './people'
import type { AttributionModel } from './ranker'
import type { Registry } from './registry'
import { attributionDate, hasDate } from './when'

/** The trained attribution model (npm run train:attribution); an empty model leaves the rules' answers. */
const MODEL: AttributionModel | null = (MODEL_JSON as AttributionModel).weights ? (MODEL_JSON as AttributionModel) : null

const surnameKey = (name: string) => foldName(surname(name))

/** "Q: …", "A: …", "Hale: …", "OKAFOR: …": a turn label at the start of a paragraph. */
const LABEL = /^(Q|A|Question|Answer|\p{Lu}[\p{L}’'.-]+(?:\s\p{Lu}[\p{L}’'.-]+){0,2})\s*:\s/u
/** "Remarks by Governor Maria Alvarez … as delivered", "Full text of Roe's speech". */
const SPEECH_BY = new RegExp(
  `\\b(?:[Rr]emarks|[Ss]peech|[Aa]ddress|[Ee]ulogy|[Ss]ermon|[Ll]ecture|[Tt]estimony|[Ss]tatement|[Kk]eynote)\\b[^.\\n]{0,60}?\\b(?:by|of|from)\\s+(${NAME_SOURCE})|(${NAME_SOURCE})[’']s\\s+(?:full\\s+|prepared\\s+)?(?:remarks|speech|address|eulogy|sermon|lecture|testimony|keynote)\\b`,
  'u',
)
const TRANSCRIPT_NOTE = /\b(?:as (?:prepared for delivery|delivered)|full text|transcript|in full|the following|below)\b/i

/**
 * Who "I" and "you" are in a transcript. An interview: paragraphs opening with turn labels (three or
 * more, two labels at least); "A:" is the person the introduction names first, "Q:" the interviewer
 * (unnamed), a name label ("Hale:") that person. A speech: the introduction says whose remarks follow.
 * Elsewhere "I" is the reporter, and no one is returned.
 */
export function transcriptVoice(body: string, people: Mention[]): ((at: number, pronoun: 'i' | 'you') => string | null) | undefined {
  const turns: { at: number; label: string }[] = []
  for (let at = 0; at < body.length; ) {
    const end = body.indexOf('\n', at)
    const head = body.slice(at, at + 60)
    const label = head.includes(':') ? LABEL.exec(head)?.[1] : undefined
    if (label && !/^(?:Update|Note|Editor|Correction|Read|Watch|Related|Source|Photo|Video)$/i.test(label)) turns.push({ at, label })
    at = end < 0 ? body.length : end + 1
  }
  if (turns.length >= 3 && new Set(turns.map((t) => t.label)).size >= 2) {
    const first = (turns[0] as { at: number }).at
    const subject = people.find((p) => p.at < first && !p.org && !p.quoted && p.subject && p.name.includes(' '))
    const interviewee = subject?.name ?? null
    return (at, pronoun) => {
      let i = turns.length - 1
      while (i >= 0 && (turns[i] as { at: number }).at > at) i--
      const turn = turns[i]
      if (!turn) return null
      const answer = /^(?:A|Answer)$/.test(turn.label)
      const question = /^(?:Q|Question)$/.test(turn.label)
      if (pronoun === 'i') return answer ? interviewee : question ? null : turn.label
      if (question) return interviewee
      if (answer) return null
      // "you" in a named turn: the one whose turn came before (or, in the first turn, after).
      const other = (j: number) => turns[j]?.label !== turn.label
      for (let j = i - 1; j >= 0; j--) if (other(j)) return (turns[j] as { label: string }).label
      for (let j = i + 1; j < turns.length; j++) if (other(j)) return (turns[j] as { label: string }).label
      return null
    }
  }
  const introEnd = body.indexOf('\n')
  const intro = body.slice(0, introEnd < 0 ? body.length : introEnd)
  const speech = SPEECH_BY.exec(intro)
  const speaker = speech?.[1] ?? speech?.[2]
  if (!speaker || !TRANSCRIPT_NOTE.test(intro)) return undefined
  return (at, pronoun) => (pronoun === 'i' && at > intro.length ? speaker : null)
}

/**
 * A section heading made of a short quote on a line of its own, numbered or not ("3. “Not some irregular
 * channel”"): a display line, not a statement. Long unpunctuated lines are pull quotes, not headings.
 */
function sectionHeading(body: string, span: Span): boolean {
  if (span.open < 0) return false
  const lineStart = body.lastIndexOf('\n', span.open - 1) + 1
  if (!/^\s*(?:\d{1,2}[.)]\s*)?$/.test(body.slice(lineStart, span.open))) return false
  if (body.slice(span.close + 1, paragraphEnd(body, span.close)).trim() !== '') return false
  return wordCount(body.slice(span.start, span.end)) <= 8
}

/** A verb of speech: the words between two quotes are the first one's attribution clause. */
const CUE_VERB = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`)

/** A short quoted title between a determiner and a lower-case noun: "the “Pose” actor". */
const QUOTED_TITLE = /(?<=\b(?:the|a|an|his|her|its|their)\s+)[“"][^“”"\n]{1,30}[”"](?=\s+\p{Ll})/gu

/** The words after the closing mark, up to the end of the sentence or the next quote. */
export function wordsAfter(body: string, span: Span): string {
  const rest = body.slice(span.close + 1, span.close + 260)
  // "the “Pose” actor said": a title quoted inside the speaker's description does not end the words.
  const words = /\b(?:the|a|an|his|her|its|their)\s+[“"]/.test(rest) ? rest.replace(QUOTED_TITLE, (m) => 'x'.repeat(m.length)) : rest
  const stop = words.search(
    /[“"‘«]|(?<![A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|No|Jr|Sr|Jan|Feb|Aug|Sept?|Oct|Nov|Dec))\.(?:\s|$)|\n/,
  )
  return stop < 0 ? rest : rest.slice(0, stop)
}

/** The words before the opening mark, in its sentence; a quote that opens a paragraph looks at the one before it when that ends in ":" or ",". */
export function wordsBefore(body: string, span: Span, previousClose: number): string {
  if (span.open < 0) return ''
  const lineStart = body.lastIndexOf('\n', span.open - 1) + 1
  if (body.slice(lineStart, span.open).trim() === '') {
    const prev = body.slice(0, lineStart).trimEnd()
    if (!/[:,]$/.test(prev)) return ''
    return body.slice(Math.max(sentenceStart(body, prev.length), previousClose + 1), prev.length)
  }
  return body.slice(Math.max(sentenceStart(body, span.open), previousClose + 1), span.open)
}

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

function paragraphEnd(body: string, from: number): number {
  const i = body.indexOf('\n', from)
  return i < 0 ? body.length : i
}

function paragraphOf(body: string, at: number): number {
  return body.lastIndexOf('\n', at - 1) + 1
}

/** A speaker found without a cue of the quote's own, and the quote it was taken from (for its date). */
interface Inherited {
  speaker: string | null
  confidence: number
  dateFrom?: number
}

/**
 * The quote continues a phrase of the reporter's sentence: after "as", a determiner or a preposition
 * ("introduced Cook as “someone who …”", "urged an “end to …”"), or after "and"/"or" unless it opens
 * a clause of its own with a subject pronoun ("and “we will not stop.”").
 */
function wovenAfter(before: string, text: string): boolean {
  const word = /\b(\p{L}+)\s*$/u.exec(before)?.[1]?.toLowerCase()
  if (!word) return false
  if (word === 'and' || word === 'or') return !/^(?:I|we|you|he|she|they|it|there|this|that)\b/i.test(text)
  return /^(?:as|a|an|the|his|her|its|their|our|my|your|of|for|to|with|about|into|by|from|like|than)$/.test(word)
}

interface Found {
  span: Span
  text: string
  cue: Cue | null
  /** The date the cue's clause gives the words, if any. */
  when: string | null
  /** The cue sits right against the quote (after it, or introducing it). */
  adjacent: boolean
  standalone: boolean
  /** A speech verb right before the opening mark introduces the quote as its object. */
  introduced: boolean
  /** The quote continues the reporter's phrase ("as “…”", "and “…”", "an “…”"). */
  woven: boolean
  /** A quoted line standing as a heading: no closing punctuation, and the next words start a new sentence. */
  heading: boolean
  paragraph: number
  /** The name signing the quote: alone at the end of its paragraph ("…” Emma Hayes (BT Sport)). */
  signed: Cue | null
}

/** Step 3 for every span: the cue, and whether the quote stands as its own sentence. */
function findCues(body: string, spans: Span[], published: string | null): Found[] {
  let previousClose = -1
  return spans.map((span) => {
    const before = wordsBefore(body, span, previousClose)
    const after = wordsAfter(body, span)
    // "“… Iran.” He added that …": a quote that ends its sentence takes no cue from the next one.
    const ended = /[.][’'"]?$/.test(body.slice(span.start, span.end)) && /^\s*\p{Lu}/u.test(after)
    // "he said, “…,” the office said": the words introducing the quote name its speaker.
    // So do "Judge Roe clarified: “… before?”" and other colon leads of a quote that is a whole sentence.
    const introduced =
      /\b(?:said|says|told \w+|added|asked|wrote)\s*[,:]\s*$/.test(before) ||
      (/:\s*$/.test(before) && /[.?!…][’'"”]?$/.test(body.slice(span.start, span.end)))
        ? cueBefore(before)
        : null
    // A quote that ends its sentence may still be signed: the speaker's name alone closes the paragraph.
    const signature = cueSignature(after)
    const following = introduced ? null : ended ? signature : cueAfter(after)
    const direct = introduced ?? following ?? cueBefore(before)
    // "Her verdict … was short: “…”", "Mercer had one word for it: “…”": the subject of the sentence the colon ends.
    // A turn label ("Roe: “Go and win it.”") is no such sentence: it takes four words at least.
    const colon = direct === null && /:\s*$/.test(before) && before.trim().split(/\s+/).length >= 4 ? sentenceSubject(before) : null
    const cue = direct ?? cueEmbedded(before) ?? (colon?.type === 'name' || colon?.type === 'pronoun' ? colon : null)
    // The attribution clause holding the cue may say when the words were said ("… said on Nov. 8").
    const when = cue ? (following ? attributionDate(after, 'after', published) : attributionDate(before, 'before', published)) : null
    const at = span.open < 0 ? span.start : span.open
    previousClose = span.close
    return {
      span,
      text: body.slice(span.start, span.end),
      cue,
      when,
      adjacent: direct !== null,
      standalone: before.trim() === '' || /[:,]\s*$/.test(before),
      woven: wovenAfter(before, body.slice(span.start, span.end)),
      introduced: /\b(?:said|says|saying|added|adding|adds|asked|asking|wrote|writing|told \p{L}+|telling \p{L}+)\s*$/u.test(before),
      heading:
        direct === null &&
        !/[.,;:!?…][’'"]?$/.test(body.slice(span.start, span.end)) &&
        ((before.trim() === '' && /^\s+\p{Lu}/u.test(after)) || sectionHeading(body, span)),
      paragraph: paragraphOf(body, at),
      signed: signature,
    }
  })
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
    // "“…,” he said. “…” Javier Hernandez (ABC)": in a signed paragraph, "he" is the signer.
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
    // headline lines, signed round-up quotes, and a nickname quoted inside a name ("Tyrell “Tank” Morrison").
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

/** Text compared for repetition: no outer spaces or closing punctuation. */
const bare = (text: string) => text.trim().replace(/[\s.,;:!?…]+$/u, '')

/**
 * A pull quote or a heading: words printed on their own (a display line with no cue) and quoted again,
 * attributed, in the article ("“Their immune system …”" then "“In some individuals …, their immune system …,” Roe
 * told …"). The display copy is the same speaker's.
 */
function pullQuoteSpeakers(out: Occurrence[]): void {
  let attributed: { o: Occurrence; lower: string }[] | null = null
  for (const o of out) {
    if (o.speaker || o.text.length < 20) continue
    const words = bare(o.text).toLowerCase()
    if (words.length < 20) continue
    attributed ??= out.filter((p) => p.speaker && p.kind === 'quotation').map((p) => ({ o: p, lower: p.text.toLowerCase() }))
    const source = attributed.find((p) => p.lower.includes(words))?.o
    if (source?.speaker) {
      o.speaker = source.speaker
      o.confidence = Math.min(source.confidence, 0.6)
    }
  }
}

/**
 * Step 5: a quotation with no cue of its own. "“A,” she said. “B.”": B is hers. A quote whose cue comes
 * later in its paragraph ("“A.” … “B,” he said.") takes that cue. A paragraph that opens with a quote
 * right after a quoted paragraph continues that speaker.
 */
function inherit(body: string, found: Found[], out: Occurrence[], i: number, ctx: ArticleContext, at: number): Inherited {
  const f = found[i] as Found
  const prev = out[i - 1]
  const prevFound = found[i - 1]
  if (prev?.speaker && prevFound && prevFound.paragraph === f.paragraph) {
    continueSpeaker(ctx, prev.speaker, at)
    return { speaker: prev.speaker, confidence: Math.min(prev.confidence, 0.8), dateFrom: i - 1 }
  }
  const next = found[i + 1]
  if (next?.cue && next.paragraph === f.paragraph && next.adjacent) return { ...attributeSpeaker(ctx, next.cue, at), dateFrom: i + 1 }
  // "He also described it as …:" then the quote in a paragraph of its own: the subject of that sentence.
  const lead = body.slice(0, f.paragraph).trimEnd()
  if (f.span.open === f.paragraph && lead.endsWith(':')) {
    const cue = sentenceSubject(body.slice(sentenceStart(body, lead.length), lead.length))
    if (cue) {
      const who = attributeSpeaker(ctx, cue, at)
      if (who.speaker) return who
    }
  }
  // "He said when the US … .\n\n“It is clear …”": a paragraph of reported speech introduces the quote after it.
  if (f.span.open === f.paragraph && f.paragraph > 0) {
    const prevStart = body.lastIndexOf('\n', Math.max(0, lead.length - 1)) + 1
    const reported = /^(\S+(?:\s+\S+){0,5}?)\s+(?:said|says|added|stressed|noted|explained|argued|insisted|warned)\b/u.exec(
      body.slice(prevStart, lead.length),
    )
    const cue = reported?.[1] && !/[“”"]/.test(body.slice(prevStart, lead.length)) ? sentenceSubject(reported[1]) : null
    if (cue) {
      const who = attributeSpeaker(ctx, cue, at)
      if (who.speaker) return { speaker: who.speaker, confidence: Math.min(who.confidence, 0.6) }
    }
  }
  if (prevFound && f.standalone && f.span.open >= 0 && isNextParagraph(body, found, i)) {
    // The speaker of the previous paragraph's last attributed quotation carries on.
    for (let j = i - 1; j >= 0 && (found[j] as Found).paragraph === prevFound.paragraph; j--) {
      const o = out[j]
      if (o?.speaker && o.kind === 'quotation') {
        continueSpeaker(ctx, o.speaker, at)
        return { speaker: o.speaker, confidence: Math.min(o.confidence, 0.6) }
      }
    }
  }
  return { speaker: null, confidence: 0 }
}

/** "X's assertion that the “A” was due to “B”": a phrase quoted in the same sentence as the one before it shares its speaker. */
function sameSentence(body: string, found: Found[], out: Occurrence[], i: number): Inherited {
  const prev = out[i - 1]
  const prevFound = found[i - 1]
  const f = found[i] as Found
  if (!prev?.speaker || !prevFound || prevFound.paragraph !== f.paragraph) return { speaker: null, confidence: 0 }
  const between = body.slice(prevFound.span.close + 1, f.span.open)
  if (/[.!?]\s/.test(between) || between.length > 120) return { speaker: null, confidence: 0 }
  // "the “Pose” actor previously said on “DWTS.”": a capitalised title after a determiner or preposition names a work, said by no one.
  if (
    /^\s*\p{Lu}[\p{L}\d’'-]*(?:\s+\p{Lu}[\p{L}\d’'-]*){0,5}[.,]?\s*$/u.test(f.text) &&
    /\b(?:the|a|an|on|in|of|from|like)\s+$/.test(between) &&
    (between.trim().length <= 3 || CUE_VERB.test(between))
  )
    return { speaker: null, confidence: 0 }
  return { speaker: prev.speaker, confidence: Math.min(prev.confidence, 0.6), dateFrom: i - 1 }
}

/**
 * The date of the quote whose speaker turn quote `i` shares (index `j`, the one before or the cued one
 * after it in the paragraph): "“A,” Roe said on Nov. 8. “B.”" dates B too, unless another date comes between.
 */
function turnDate(body: string, found: Found[], out: Occurrence[], i: number, j: number): string | null {
  const [first, second] = j < i ? [found[j], found[i]] : [found[i], found[j]]
  if (!first || !second) return null
  // The first quote's own cue clause ("… Roe said on Nov. 8.") may hold the date; nothing after it may.
  const from = first.span.close + 1 + (j < i ? wordsAfter(body, first.span).length : 0)
  if (hasDate(body.slice(from, second.span.open < 0 ? second.span.start : second.span.open))) return null
  if (j < i) return out[j]?.date_source === 'text' ? (out[j]?.date ?? null) : null
  return second.when
}

/** The quote opens the paragraph right after the one holding the previous quote. */
function isNextParagraph(body: string, found: Found[], i: number): boolean {
  const f = found[i] as Found
  const prev = found[i - 1] as Found
  if (f.span.open !== f.paragraph || prev.paragraph >= f.paragraph) return false
  const between = body
    .slice(prev.span.close + 1, f.paragraph)
    .split('\n')
    .slice(1)
  return between.every((line) => line.trim() === '')
}
