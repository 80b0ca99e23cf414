/**
 * @module
 * Finds the words that say who spoke a quotation: "…,” said Jane Roe", "Roe said: “…",
 * "…,” he added", "X quoted the general as saying", "the statement said".
 */
import { NAME_SOURCE } from './names'

/** Verbs that introduce or close a quotation. */
export const SPEECH_VERBS =
  'said|says|say|saying|added|adding|adds|noted|notes|stated|states|told|tells|explained|explains|continued|asserted|stressed|emphasi[sz]ed|underlined|warned|warns|wrote|writes|tweeted|posted|declared|insisted|replied|remarked|argued|argues|announced|observed|recalled|acknowledged|admitted|claimed|conceded|confirmed|urged|vowed|pointed out|went on|quipped|asked|asks|answered|concluded|cautioned|reiterated|maintained|predicted|testified|told reporters'

/** Who the cue names: a person's name, a pronoun, or a noun phrase ("the top official", "the account"). */
export type Cue = { type: 'name'; text: string } | { type: 'pronoun'; text: string } | { type: 'nominal'; text: string }

const PRONOUN = '(?:he|she|they|He|She|They)'
const NOMINAL = "(?:the|The|a|A|an|An|his|His|her|Her|its|Its)\\s+(?:[\\p{L}’'\\-]+\\s+){0,4}?[\\p{L}’'\\-]+"
const ADVERBS = '(?:\\s+(?:also|then|later|further|again|previously|once|reportedly|recently|simply|firmly|earlier))?'

const VERB = `(?:${SPEECH_VERBS})`
/** `, said the Leader of the Islamic Revolution, Ayatollah Seyed Ali Khamenei in …` */
const AFTER_INVERTED = new RegExp(`^[\\s,]*${VERB}\\s+(?<who>[^.;!?“”"]{1,160})`, 'u')
/** `, Vaezi said`, `, he added`, `, the account said`, `, X quoted the general as saying` */
const AFTER_SUBJECT = new RegExp(
  `^[\\s,]*(?<who>${NAME_SOURCE}|${PRONOUN}|${NOMINAL})(?:,[^,]{1,80},)?${ADVERBS}\\s+(?:${VERB}|quoted\\s+(?<object>${NAME_SOURCE}|him|her|them|${NOMINAL})\\s+as\\s+saying)\\b`,
  'u',
)
const AFTER_ACCORDING = new RegExp(`^[\\s,]*according to\\s+(?<who>${NAME_SOURCE}|${NOMINAL})`, 'u')
/** `Roe said: “`, `He added, “`, `the General said, “`, `… and said, “`, `He stated,` */
const BEFORE = new RegExp(
  `(?<who>${NAME_SOURCE}|${PRONOUN}|${NOMINAL})?(?:,[^,]{1,80},)?${ADVERBS}\\s*(?:${VERB})(?:\\s+(?:that|this|reporters|journalists|the \\w+))?(?:,\\s*(?:adding|saying))?\\s*[,:]?\\s*$`,
  'u',
)

function classify(who: string): Cue | null {
  const w = who.trim()
  if (/^(he|she|they)$/i.test(w)) return { type: 'pronoun', text: w.toLowerCase() }
  if (/^(him|her|them)$/i.test(w)) return { type: 'pronoun', text: w.toLowerCase() }
  if (/^(the|a|an|his|her|its)\s/i.test(w)) return { type: 'nominal', text: w }
  if (/^\p{Lu}/u.test(w)) return { type: 'name', text: w }
  return null
}

/** The speaker phrase after an inverted verb: a name after the appositive wins over the description. */
function invertedWho(phrase: string): Cue | null {
  const cut = phrase.split(/\s+(?:in|at|on|during|while|when|after|before|to|from|who|which|as|according)\s+(?=[a-z])/u)[0] ?? phrase
  const appositive = new RegExp(`,\\s*(${NAME_SOURCE})`, 'u').exec(cut)
  if (appositive?.[1] && /^(the|a|an)\s/i.test(cut)) return { type: 'name', text: appositive[1] }
  const name = new RegExp(`^(${NAME_SOURCE})`, 'u').exec(cut)
  if (name?.[1]) return { type: 'name', text: name[1] }
  const nominal = new RegExp(`^(${NOMINAL})`, 'u').exec(cut.split(',')[0] ?? cut)
  return nominal?.[1] ? classify(nominal[1]) : null
}

/** The cue in the words right after the closing mark, up to the end of that sentence. */
export function cueAfter(text: string): Cue | null {
  const t = text.slice(0, 200)
  const subject = AFTER_SUBJECT.exec(t)
  if (subject?.groups) {
    if (subject.groups.object) return classify(subject.groups.object)
    const cue = classify(subject.groups.who ?? '')
    if (cue) return cue
  }
  const inverted = AFTER_INVERTED.exec(t)
  if (inverted?.groups?.who) return invertedWho(inverted.groups.who)
  const according = AFTER_ACCORDING.exec(t)
  if (according?.groups?.who) return classify(according.groups.who)
  return null
}

/** The cue in the words before the opening mark: "X said: “", or the subject of a sentence that ends in "stated, “". */
export function cueBefore(text: string): Cue | null {
  const t = text.slice(-300)
  const m = BEFORE.exec(t)
  if (!m) return null
  if (m.groups?.who) {
    const cue = classify(m.groups.who)
    if (cue && !(cue.type === 'name' && /^(and|but|as)$/i.test(cue.text))) return cue
  }
  // "The Supreme Leader, in a meeting with …, also referred to … and stated that …, “": the sentence subject.
  const subject = new RegExp(`^\\s*(?:[^,]{0,40},\\s*)?(${NAME_SOURCE}|${PRONOUN}|${NOMINAL})`, 'u').exec(t.slice(0, m.index))
  return subject?.[1] ? classify(subject[1]) : null
}
