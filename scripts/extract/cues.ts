/**
 * @module
 * Finds the words that say who spoke a quotation: "…,” said Jane Roe", "…,” Roe, the mayor, said",
 * "Roe said: “…", "…,” he added", "X quoted the general as saying", "the statement said",
 * "according to Roe". Pure: the words around a quote in, a cue (who, as written) out.
 */
import { givenName } from './first-names'
import { NAME_SOURCE, NAME_WORD, pronounIsName } from './names'

/** Verbs that introduce or close a quotation. */
export const SPEECH_VERBS =
  'said|says|say|saying|added|adding|adds|noted|notes|stated|states|told|tells|explained|explains|continued|continues|asserted|stressed|stresses|emphasi[sz]ed|underlined|warned|warns|wrote|writes|tweeted|posted|declared|insisted|insists|replied|replies|responded|remarked|argued|argues|announced|observed|recalled|recalls|acknowledged|admitted|admits|claimed|claims|conceded|confirmed|urged|vowed|pointed out|points out|went on|goes on|quipped|asked|asks|answered|concluded|cautioned|reiterated|maintained|predicted|testified|shouted|yelled|joked|jokes|laughed|sighed|whispered|murmured|boasted|complained|complains|lamented|mused|recounted|reported|reports|suggested|suggests|agreed|agrees|countered|retorted|conceded|added later|commented|comments|texted|emailed|messaged|wrote in|told reporters|clarified|clarifies|queried|inquired|enquired|demanded|interjected|interrupted|wondered|snapped'

/** Who the cue names: a name ("Roe", "Jane Roe"), a pronoun, or a noun phrase ("the mayor", "a spokesman"). */
export type Cue = { type: 'name'; text: string } | { type: 'pronoun'; text: string } | { type: 'nominal'; text: string }

const VERB = `(?:${SPEECH_VERBS})`
const PRONOUN = '(?:he|she|they|it|He|She|They|It|I|we|We|you|You)'
const DET = '(?:the|The|a|A|an|An|his|His|her|Her|its|Its|their|Their|one|One)'
/** "the mayor", "an Acme Corp spokesperson", "the Leader of the Opposition", "the “Harbor Nights” actor" */
const NOMINAL_WORD = `(?:(?!(?:that|who|which|whom|he|she|they|it|we|and|but|said|says|told|recalled)\\b)[\\p{L}\\d’'\\-]+|[“"][^“”"]{1,30}[”"])`
const NOMINAL = `${DET}\\s+(?:${NAME_SOURCE}(?![\\p{Ll}])|(?:${NOMINAL_WORD}\\s+){0,5}?${NOMINAL_WORD})`
const ADVERB =
  '(?:\\s+(?:(?:on\\s+)?\\p{Lu}\\p{Ll}+day|(?:last|this|late|early)\\s+(?:week|month|year|night|\\p{Lu}\\p{Ll}+day)|in\\s+a\\s+statement|allegedly|apparently|later|also|then|later|further|again|previously|once|reportedly|recently|simply|firmly|earlier|quickly|bluntly|flatly|candidly|angrily|proudly|softly|calmly|repeatedly|separately|finally|only|had|has|have|would|will|could|has also|had also|\\p{Ll}{3,}ly))?'
/** An appositive after the subject: ", the mayor of X," or ", 45,". */
const APPOSITIVE =
  '(?:,\\s(?:[\\p{Ll}\\d][^,“”"‘]{0,89}|\\p{Lu}[\\p{L}.]*[’\']s\\s[^,“”"‘]{1,80}|(?:the|a|an)\\s[^,“”"‘]{1,86}(?:,\\s[^,“”"‘]{1,50}){0,2}),)?'
/** What may follow the verb at the end of an introduction: "told the BBC on Tuesday:". */
const VERB_TAIL =
  '(?:\\s+(?:that|this|to|reporters|journalists|in a statement|on \\w+|the [\\p{L}-]+(?:\\s[\\p{L}-]+){0,3}|[\\p{Lu}][\\p{L}-]+(?:\\s[\\p{Lu}][\\p{L}-]+){0,3}))*?'

/** The subject starts a word: "an" in "Veteran" or "he" in "the" is not one. */
const SUBJECT = `(?<![\\p{L}\\p{N}’'])(?<who>${NAME_SOURCE}|${PRONOUN}|${NOMINAL})`
/** "Springfield coach John Doe", "State Department official Mary Poe": a name after its role. */
const ROLE_PREFIX = `(?:(?:[\\p{Lu}][\\p{L}.’'-]*\\s+){0,3}(?:(?!(?:the|a|an|his|her|its|their|but|or|as|when|while|after|before|that)\\s)[\\p{Ll}][\\p{Ll}-]*\\s+){1,5}(?=[\\p{Lu}]))?`

/** `, Roe said`, `, he added`, `, the account said`, `Jane Roe, the mayor, told reporters` */
const AFTER_SUBJECT_VERB = new RegExp(
  `^\\s*(?:[,—–-]\\s*)?${ROLE_PREFIX}${SUBJECT}${APPOSITIVE}${ADVERB}\\s+(?:${VERB}|quoted\\s+(?<object>${NAME_SOURCE}|him|her|them|${NOMINAL})\\s+as\\s+(?:saying|telling))\\b`,
  'u',
)
/** `Jane Roe, a research analyst at the Acme Institute think tank told the BBC` */
const AFTER_OPEN_APPOSITIVE = new RegExp(
  `^\\s*(?:[,—–-]\\s*)?(?<who>${NAME_SOURCE}),\\s(?:a|an|the)\\s[^.;“”"]{1,140}?\\s(?:${VERB})\\b`,
  'u',
)
/** Speaker words up to the end of the clause; the dot of "Sen." or "D-N.Y." does not end it. */
const WHO_PHRASE = `(?<who>(?:[^.;!?“”"]|(?<=\\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|Rev|Hon|\\p{Lu}))\\.){1,160})`
/** `, said Jane Roe, the mayor`, `, added the Leader of the Opposition, Sir John Doe` */
const AFTER_VERB_SUBJECT = new RegExp(`^\\s*(?:[,—–-]\\s*)?${VERB}${ADVERB}\\s+${WHO_PHRASE}`, 'u')
const ACCORDING = new RegExp(`according\\s+to\\s+(?<who>${NAME_SOURCE}|${NOMINAL})`, 'u')
/** `… impeachment, Trump said at a rally`: a few words of the reporter's before the cue (the dots of "U.S." do not end them). */
const AFTER_LATE = new RegExp(
  `^(?:[^,.;:!?“”"]|(?<=\\b\\p{Lu})\\.){1,40},\\s*${ROLE_PREFIX}${SUBJECT}${APPOSITIVE}${ADVERB}\\s+${VERB}\\b`,
  'u',
)
/** `… despite being the envoy, said another witness, Mary Poe`: an inverted cue after a clause. */
const AFTER_LATE_INVERTED = new RegExp(`^[^;:!?“”"]{1,100}?,\\s*${VERB}\\s+${WHO_PHRASE}`, 'u')

/** `Roe said: “`, `He added, “`, `the General said, “`, `Roe told the BBC:`, `In a statement, Roe said: “` */
const BEFORE_END = new RegExp(
  `${ROLE_PREFIX}${SUBJECT}${APPOSITIVE}${ADVERB}\\s+(?:${VERB}|quoted\\s+(?<object>${NAME_SOURCE}|him|her|them|${NOMINAL})\\s+as\\s+(?:saying|telling))${VERB_TAIL}(?:,\\s*(?:adding|saying))?\\s*[,:]?\\s*$`,
  'u',
)
const VERB_NEAR_END = new RegExp(`\\b(?:${VERB}|quoted)\\b`, 'u')
const ACCORDING_END = new RegExp(`${ACCORDING.source}[^,]{0,40},\\s*$`, 'u')

/** `… and said: “`, `Speaking to reporters, said:` (the subject is earlier in the sentence). */
const BEFORE_BARE_VERB = new RegExp(
  `(?:\\b${VERB}\\s+that\\s[^“”"]{0,200},|\\b(?:and|but|before|then)\\s+${VERB}|\\b(?:statement|letter|post|tweet|e-?mail|message|release)\\s+(?:saying|warning|stating|noting|declaring|that)(?:\\s+that)?|,\\s*(?:saying|adding|stating|writing|noting|declaring|telling\\s+[\\p{L} ]{1,40}?))${VERB_TAIL}\\s*[,:]?\\s*$`,
  'u',
)
const PASSIVE = new RegExp(
  `\\b(?:was|were|been)\\s+(?:also\\s+)?(?:emphasi[sz]ed|stressed|underlined|noted|stated|said|declared|raised|highlighted|mentioned|pointed out|explained)\\s+by\\s+(?<who>${NAME_SOURCE}|${NOMINAL})[^“”"]{0,160},\\s*$`,
  'u',
)

/** The subject of a sentence that uses a speech verb before a quoted phrase: `Roe called the plan “a disaster”`. */
const BEFORE_EMBEDDED = new RegExp(
  // "analyst John Doe of Acme Research Partners called the launch “…”": the person, not the firm.
  `${SUBJECT}(?:\\s+(?<link>of|at|from)\\s+(?<tail>${NAME_SOURCE}))?${APPOSITIVE}${ADVERB}\\s+(?:${VERB}|called|described|introduced|dubbed|labell?ed|branded|denounced|praised|accused|denied|criticised|criticized)\\b`,
  'gu',
)

const NOT_A_NAME =
  /^(?:and|but|as|or|so|then|if|when|while|after|before|because|although|though|yet|in|on|at|it|this|that|there|here|one)$/i

function classify(who: string): Cue | null {
  // "No. I told my coach": a sentence that ended inside the run is not part of the name (Mr. and Gen. are kept).
  const w = who
    .trim()
    .replace(/[,;:]+$/, '')
    .replace(
      /^(?:(?!(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Capt|Maj|Adm|Rev|Hon|Jr|Sr|Mt|Ft)\.)\p{Lu}\p{Ll}+[.!?]\s+)+(?=\S)/u,
      '',
    )
  if (!w) return null
  if (/^(he|she|they|it|we|I|you|him|her|them)$/i.test(w)) return { type: 'pronoun', text: w.toLowerCase() }
  // "He Monday said": the pronoun before a day; "He Ming said": a name.
  const pronoun = /^(He|She)\s/.exec(w)
  if (pronoun?.[1] && !pronounIsName(w.split(/\s+/))) return { type: 'pronoun', text: pronoun[1].toLowerCase() }
  if (new RegExp(`^${DET}\\s`, 'u').test(w)) return { type: 'nominal', text: w }
  if (/^\p{Lu}/u.test(w) && !NOT_A_NAME.test(w.split(/\s+/)[0] ?? '')) return { type: 'name', text: w }
  return null
}

/** The speaker phrase after an inverted verb: a name after the appositive wins over the description. */
export function invertedWho(phrase: string): Cue | null {
  const cut =
    phrase.split(
      /\s+(?:in|at|on|during|while|when|after|before|to|from|who|which|as|according|via|outside|inside)\s+(?=[\p{Ll}\d])|\s+(?:in|on|at)\s+(?=a\s|an\s|the\s|his\s|her\s)/u,
    )[0] ?? phrase
  const appositive = new RegExp(`,\\s*(${NAME_SOURCE})`, 'u').exec(cut)
  if (appositive?.[1] && new RegExp(`^${DET}\\s`, 'u').test(cut)) {
    const name = classify(appositive[1])
    if (name?.type === 'name') return name
  }
  const name = new RegExp(`^(${NAME_SOURCE})`, 'u').exec(cut)
  if (name?.[1]) return classify(name[1])
  // "planetary geologist Jane Roe", "ACME scientist and study co-author John Doe"
  if (/^[\p{Ll}\p{Lu}]/u.test(cut) && !new RegExp(`^${DET}\\s`, 'u').test(cut)) {
    const runs = [...cut.split(',')[0]!.matchAll(new RegExp(NAME_SOURCE, 'gu'))].map((m) => m[0])
    const person = runs.find((r) => r.includes(' ') && givenName(r.split(' ')[0] ?? '').known) ?? runs.find((r) => r.includes(' '))
    if (person) return classify(person)
  }
  // "said the top official": the whole noun phrase up to the clause's end, not its shortest start.
  const nominal = new RegExp(`^(${DET}\\s+[^,]+?)\\s*$`, 'u').exec((cut.split(',')[0] ?? cut).trim())
  if (nominal?.[1]) return classify(nominal[1])
  const pronoun = new RegExp(`^(${PRONOUN})\\b`, 'u').exec(cut)
  return pronoun?.[1] ? classify(pronoun[1]) : null
}

function subjectCue(groups: Record<string, string | undefined> | undefined): Cue | null {
  if (!groups) return null
  if (groups.object) return classify(groups.object)
  return classify(groups.who ?? '')
}

/** "a spokesman for the promoter, Harbor Productions," "a spokeswoman for Acme": the organisation they speak for. */
const SPOKES = `(?:a|an|the|A|An|The)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:spokes(?:man|woman|person)|representative|press officer)\\s+(?:for|from|at|of)\\s+(?:the\\s+[\\p{Ll}\\s-]{2,40},\\s+)?(?:the\\s+)?(?<org>${NAME_SOURCE}(?:\\s+of\\s+(?:the\\s+)?${NAME_SOURCE})?)`
const SPOKES_AFTER = new RegExp(`^\\s*(?:[,—–-]\\s*)?(?:${VERB}${ADVERB}\\s+)?${SPOKES}`, 'u')
const SPOKES_BEFORE = new RegExp(`${SPOKES},?${ADVERB}\\s+${VERB}${VERB_TAIL}\\s*[,:]?\\s*$`, 'u')

function spokesCue(m: RegExpExecArray | null): Cue | null {
  const org = m?.groups?.org?.replace(/[.,]$/, '')
  return org ? { type: 'nominal', text: `a spokesperson for ${org}` } : null
}

/** The cue in the words right after the closing mark, up to the end of that sentence. */
export function cueAfter(text: string): Cue | null {
  const t = text.slice(0, 220)
  const spokes = /spokes|representative|press officer/.test(t) ? spokesCue(SPOKES_AFTER.exec(t)) : null
  if (spokes) return spokes
  const subject = AFTER_SUBJECT_VERB.exec(t)
  const cue = subjectCue(subject?.groups)
  if (cue) return cue
  const open = subjectCue(AFTER_OPEN_APPOSITIVE.exec(t)?.groups)
  if (open) return open
  const inverted = AFTER_VERB_SUBJECT.exec(t)
  if (inverted?.groups?.who) {
    const who = invertedWho(inverted.groups.who)
    if (who) return who
  }
  const according = new RegExp(`^[\\s,]*${ACCORDING.source}`, 'u').exec(t)
  if (according?.groups?.who) return classify(according.groups.who)
  const late = subjectCue(AFTER_LATE.exec(t)?.groups)
  if (late) return late
  const lateInverted = AFTER_LATE_INVERTED.exec(t)
  if (lateInverted?.groups?.who) return invertedWho(lateInverted.groups.who)
  return cueSignature(t)
}

/** A round-up's signature: the name alone ends the paragraph, maybe with its outlet ("…” Jane Roe (BBC Sport)). */
export function cueSignature(text: string): Cue | null {
  const who = SIGNATURE.exec(text.slice(0, 120))?.groups?.who
  // The nickname in a name ("John 'Sticks' Doe") is not part of it.
  return who ? classify(who.replace(/\s+['‘’"“”][^'‘’"“”\n]{1,30}['‘’"“”](?=\s)/u, '')) : null
}

/** A name, a quoted nickname allowed ("John 'Sticks' Doe"), and a parenthesis, then the paragraph's end. */
const SIGNATURE = new RegExp(
  `^[ \\t]*[—–-]?[ \\t]*(?<who>${NAME_WORD}(?:[ \\t]+(?:['‘’"“”][^'‘’"“”\\n]{1,30}['‘’"“”]|${NAME_WORD})){1,5})[ \\t]*(?:\\([^()\\n]{1,60}\\))?[ \\t]*(?:\\n|$)`,
  'u',
)

/** The cue in the words before the opening mark: "X said: “", "According to X, “", or the sentence's subject. */
export function cueBefore(text: string): Cue | null {
  const t = text.slice(-320)
  const spokes = /spokes|representative|press officer/.test(t) ? spokesCue(SPOKES_BEFORE.exec(t.slice(-200))) : null
  if (spokes) return spokes
  // The introducing words sit right before the mark: matching the last 200 characters is enough.
  // Most texts before a quote hold no speech verb near their end: a cheap test spares the full pattern.
  const m = VERB_NEAR_END.test(t.slice(-120)) ? BEFORE_END.exec(t.slice(-200)) : null
  const cue = organisationOf(t, subjectCue(m?.groups))
  if (cue) return cue
  const according = ACCORDING_END.exec(t)
  if (according?.groups?.who) return classify(according.groups.who)
  if (BEFORE_BARE_VERB.test(t)) return sentenceSubject(t)
  // "This issue was also emphasized by the Prime Minister during his meeting with …, “": the agent.
  const agent = PASSIVE.exec(t)
  return agent?.groups?.who ? classify(agent.groups.who) : null
}

/** The last word of an organisation's name before "of …" ("Acme College of Physicians", "Bank of England"). */
const ORG_HEAD =
  /\b(?:College|University|Bank|Department|Ministry|Institute|Association|Society|Council|Academy|Federation|Union|Office|Board|Agency|Commission|Committee|Court|Chamber|School|Foundation|Trust|Centre|Center|Corporation|Company|Bureau|Service|Church|League|Museum|Party|Government|Republic|Embassy)$/u

/** A name that ends an organisation's ("the Acme College of Physicians says"): the organisation. */
function organisationOf(t: string, cue: Cue | null): Cue | null {
  if (cue?.type !== 'name') return cue
  // The name as the subject found it, near the end: the words right before it (one fixed pattern, no per-name RegExp).
  const at = t.lastIndexOf(cue.text)
  const org = at > 0 && !/^\p{L}/u.test(t.slice(at + cue.text.length)) ? ORG_BEFORE_OF.exec(t.slice(0, at)) : null
  return org?.[1] ? { type: 'nominal', text: `the ${org[1]}of ${cue.text}` } : cue
}

/** "(the) Acme College of (the) " right before a name. */
const ORG_BEFORE_OF = /(?:\b(?:the|The)\s+)?((?:\p{Lu}[\p{L}’'-]*\s+)+)of\s+(?:the\s+)?$/u

/** For a quoted phrase inside a sentence: the subject of the last speech verb before it. */
export function cueEmbedded(text: string): Cue | null {
  let last: Cue | null = null
  const t = text.slice(-320)
  for (const m of t.matchAll(BEFORE_EMBEDDED)) {
    // "The Acme College of Physicians says": not "Physicians", which ends the organisation's name.
    if (/\p{Lu}[\p{L}’'-]*\s+of\s+$/u.test(t.slice(0, m.index))) continue
    const cue = subjectCue(m.groups)
    // …but the whole name: "the Acme College" of "Physicians" (a person keeps "of Acme Research" apart).
    const whole =
      m.groups?.link === 'of' &&
      ((cue?.type === 'nominal' && /^(?:the|The)\s+\p{Lu}/u.test(cue.text)) || (cue?.type === 'name' && ORG_HEAD.test(cue.text)))
    last =
      whole && cue
        ? { type: 'nominal', text: `${/^(?:the|The)\s/.test(cue.text) ? '' : 'the '}${cue.text} of ${m.groups?.tail}` }
        : (cue ?? last)
  }
  if (last) return last
  // "Doe chimed in, noting that Poe’s offer was “…”", "Roe touched upon it and noted there should be
  // “…”": a participle or second verb of speech whose subject opens the sentence.
  if (text.length <= 320 && / (?:that|there) /.test(text) && PARTICIPLE_CUE.test(text)) {
    const subject = sentenceSubject(text)
    if (subject) return subject
  }
  // "was Dr. Roe's assertion that the “…”": the owner of the words.
  const owner = POSSESSED_WORDS.exec(text.slice(-320))
  // "Despite Mr. Trump’s announcement": the preposition opening the sentence is not part of the name.
  return owner?.groups?.who
    ? classify(owner.groups.who.replace(/^(?:Despite|Amid|Following|Unlike|Like|Given|Without|With|Under|Per)\s+/, ''))
    : null
}

const PARTICIPLE_CUE = new RegExp(
  `(?:,\\s*(?:noting|saying|adding|arguing|warning|insisting|claiming|stressing)|\\b(?:and|but)\\s+${VERB})\\s+(?:that\\s|there\\s)`,
  'u',
)
const POSSESSED_WORDS = new RegExp(
  `(?<who>${NAME_SOURCE})[’']s\\s+(?:[\\p{Lu}\\d][\\p{L}\\d.]*\\s+){0,3}?(?:assertion|statement|remarks?|words|claim|view|comments?|warning|message|speech|argument|promise|pledge|vow|announcement|declaration|tweet|post|letter|testimony|interview|address)\\b[^“”"]{0,200}$`,
  'u',
)

/** "The Prime Minister, in a meeting with …, also … and stated that …, “": the sentence's first noun phrase. */
export function sentenceSubject(t: string): Cue | null {
  const comma = t.indexOf(',')
  for (const clause of [t, comma >= 0 && comma < 40 ? t.slice(comma + 1) : '']) {
    // "the local MP, Sarah Whitfield, stood … and told": the name in the appositive.
    const named = new RegExp(`^\\s*${DET}\\s+[^,“”"]{1,40},\\s+(${NAME_SOURCE}),`, 'u').exec(clause)
    const name = named?.[1] ? classify(named[1]) : null
    if (name?.type === 'name') return name
    // "One fund manager looked …": a determiner opens a noun phrase, not a name.
    // "Her verdict on the defences was short:": the owner of the words.
    const owner = /^\s*(His|Her|Their)\s+\p{Ll}/u.exec(clause)?.[1]
    if (owner) return { type: 'pronoun', text: owner === 'His' ? 'he' : owner === 'Her' ? 'she' : 'they' }
    const subject = new RegExp(`^\\s*(${NOMINAL}|${NAME_SOURCE}|${PRONOUN})`, 'u').exec(clause)
    const cue = subject?.[1] ? classify(subject[1]) : null
    if (cue) return cue
  }
  return null
}
