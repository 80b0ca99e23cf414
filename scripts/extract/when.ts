/**
 * @module
 * When the words were said, as the attribution clause states it: "…,” Roe said on Nov. 8", "said
 * Tuesday", "told reporters yesterday", "recounted in an Oct. 21 cabinet meeting", "at a Nov. 6 event",
 * "On Tuesday, Roe said: “…", "Roe’s Oct. 11 announcement that … “historic”". A date only counts when it
 * belongs to the speech verb (or to the speech event it names); a date that describes something else
 * ("said the deal, signed on May 3, …", "said Poe, who will testify Thursday", "said of the May 3
 * attack") is not taken. Month and day without a year, a weekday and "yesterday" are read relative to
 * the publication date: the latest such day on or before it. Pure: clause and publication date in, ISO
 * date out.
 */
import { SPEECH_VERBS } from './cues'

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|March|April|May|June|July|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)'
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const PART_OF_DAY = '(?:\\s+(?:morning|afternoon|evening|night))?'

/** One date as an attribution writes it; the groups say which form. */
const DATE_SOURCE =
  `(?:(?<wd>${WEEKDAY})(?:[’']s)?${PART_OF_DAY}` +
  `|(?<m1>${MONTH})\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<y1>\\d{4}))?(?![\\d:])` +
  `|(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<m2>${MONTH})(?:,?\\s+(?<y2>\\d{4}))?` +
  '|(?<yd>yesterday))'
const DATE = new RegExp(DATE_SOURCE, 'gu')

/** Verbs whose subject is the speaker: speech verbs, and those that frame a quoted phrase ("called it “…”"). */
const VERB = new RegExp(`\\b(?:${SPEECH_VERBS}|called|described|dubbed|labell?ed|branded|recounted|testified)\\b`, 'gu')

/** Words that, between the verb and a date, show the date belongs to another clause or thing. */
const OTHER_CLAUSE =
  /[,;:“”"‘]|\b(?:who|whom|whose|which|that|where|when|while|after|before|since|until|ahead|of|for|about|over|will|would|shall|should|can|could|may|might|must|is|are|was|were|be|been|being|has|have|had|if|because|and|but|or|than|as|between|through|by|until|following|against|under)\b/i
/** Nouns for the occasion of the words: "in an Oct. 21 cabinet meeting", "Roe’s Oct. 11 announcement". */
const OCCASION =
  '(?:announcement|statement|remarks|speech|interview|tweet|post|letter|testimony|conference|briefing|meeting|event|report|address|comments?|hearing|session|appearance|call|rally|e-?mail|note|memo|message|debate|show|broadcast|podcast|column|op-ed|article|filing|video|summit|forum|gathering|lecture|sermon|talk|chat)'
const OCCASION_AFTER_DATE = new RegExp(`^(?:\\s+[\\p{L}-]+){0,2}?\\s+${OCCASION}\\b`, 'u')

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

function daysBefore(published: string, days: number): string {
  const date = new Date(`${published}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - days)
  return date.toISOString().slice(0, 10)
}

function monthOf(name: string): number {
  return MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

/** A matched date to ISO: a year given is kept; otherwise the latest such day on or before publication. */
export function resolveDate(groups: Record<string, string | undefined>, published: string | null): string | null {
  const { wd, m1, d1, y1, d2, m2, y2, yd } = groups
  const month = m1 ?? m2
  const day = d1 ?? d2
  const year = y1 ?? y2
  if (month && day) {
    if (year) return iso(Number(year), monthOf(month), Number(day))
    if (!published) return null
    const pubYear = Number(published.slice(0, 4))
    const same = iso(pubYear, monthOf(month), Number(day))
    if (!same) return null
    return same <= published ? same : iso(pubYear - 1, monthOf(month), Number(day))
  }
  if (!published) return null
  if (yd) return daysBefore(published, 1)
  if (wd) {
    const want = WEEKDAYS.indexOf(wd.toLowerCase())
    const pubDay = new Date(`${published}T00:00:00Z`).getUTCDay()
    return daysBefore(published, (pubDay - want + 7) % 7)
  }
  return null
}

interface Found {
  at: number
  end: number
  date: string
}

function datesIn(clause: string, published: string | null): Found[] {
  const out: Found[] = []
  for (const m of clause.matchAll(DATE)) {
    // "last Friday", "next Tuesday", "this Sunday": which week is meant is not certain.
    if (m.groups?.wd && /\b(?:last|next|this|every|each|on\s+a)\s+$/i.test(clause.slice(Math.max(0, m.index - 8), m.index))) continue
    const date = m.groups ? resolveDate(m.groups, published) : null
    if (date) out.push({ at: m.index, end: m.index + m[0].length, date })
  }
  return out
}

/** The words from the verb to the date hold nothing that starts another clause or describes another thing. */
function attachedAfter(clause: string, verbEnd: number, d: Found): boolean {
  // "said Jane Roe, the mayor, in a statement on Sunday": an appositive set off by commas is part of the subject.
  const gap = clause.slice(verbEnd, d.at).replace(/^(\s+\p{Lu}[^,]{0,40}),\s(?:the|a|an|\d+|his|her|its|their)\s[^,;“”"]{1,80},/u, '$1')
  if (gap.length > 80 || OTHER_CLAUSE.test(gap)) return false
  // "the deal signed on May 3": a participle in the gap takes the date; "in a televised address" does not.
  if (/(?<!\b(?:a|an|the|his|her|its|their)\s+)\b\p{Ll}+ed\s/u.test(gap)) return false
  return true
}

/** "in an Oct. 21 cabinet meeting", "at a Nov. 6 event", "in a Tuesday research report": the date names the occasion. */
function namesOccasion(clause: string, d: Found): boolean {
  return OCCASION_AFTER_DATE.test(clause.slice(d.end))
}

/**
 * The date the attribution clause gives the words. `clause` is the text around the quote that holds its
 * cue: the words after the closing mark ('after'), or those before the opening mark in its sentence
 * ('before').
 */
export function attributionDate(clause: string, side: 'after' | 'before', published: string | null): string | null {
  if (!DATE_HINT.test(clause)) return null
  const dates = datesIn(clause, published)
  if (dates.length === 0) return null
  const verbs = [...clause.matchAll(VERB)]
  const verb = side === 'after' ? verbs[0] : verbs[verbs.length - 1]
  if (verb) {
    const verbEnd = verb.index + verb[0].length
    for (const d of dates) {
      if (d.at < verbEnd) continue
      const gap = clause.slice(verbEnd, d.at).trim()
      const determiner = /(?:^|\s)(?:a|an|the|his|her|its|their)$/.test(gap)
      // "in an Oct. 21 cabinet meeting": a date after a determiner must name the occasion.
      if (attachedAfter(clause, verbEnd, d) && (!determiner || namesOccasion(clause, d))) return d.date
      break // only the first date after the verb can be its date
    }
    // "Roe on Tuesday said", "Roe, speaking Tuesday, said" is not read; "On Tuesday, Roe said:".
    const before = dates.filter((d) => d.end <= verb.index)
    const last = before[before.length - 1]
    if (last) {
      const between = clause.slice(last.end, verb.index)
      // "Roe on Tuesday said", "he Tuesday said" (not "Poe, who will testify Thursday said").
      const subjectBefore = /(?:^|\s)(?:\p{Lu}[\p{L}.’'-]*|he|she|they|it|we)(?:\s+on)?\s+$/u
      if (/^\s+(?:also\s+)?$/.test(between) && subjectBefore.test(clause.slice(0, last.at))) return last.date
      const opening = clause.slice(0, last.at).trim()
      if (
        /^(?:(?:Late|Early|Earlier|Later)\s+)?(?:[Oo]n)?$/.test(opening) &&
        /^\s*,/.test(between) &&
        !OTHER_CLAUSE.test(between.replace(/^\s*,/, '').replace(/,\s*$/, ''))
      )
        return last.date
    }
  }
  // "Roe’s Oct. 11 announcement that …", "In a Nov. 8 interview, Roe said:": a dated occasion owned by the speaker.
  for (const d of dates) {
    const lead = clause.slice(0, d.at)
    if (!namesOccasion(clause, d)) continue
    if (/[’']s\s+$/.test(lead) && side === 'before') return d.date
    if (/^\s*(?:In|At|During)\s+(?:a|an|the|his|her|its|their)\s+$/.test(lead) && verb && verb.index > d.end) {
      const between = clause.slice(d.end, verb.index)
      if (/,/.test(between) && !/\b(?:who|which|that|when|where)\b/.test(between)) return d.date
    }
  }
  return null
}

const DATE_HINT = /\d|day|yesterday/i
const ANY_DATE = new RegExp(DATE_SOURCE, 'u')

/** The text names a day ("Nov. 8", "Tuesday", "yesterday"). */
export function hasDate(text: string): boolean {
  return DATE_HINT.test(text) && ANY_DATE.test(text)
}
