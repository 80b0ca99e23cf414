/**
 * @module
 * The people an article names, in order: full names ("Jane Roe"), titled names ("Mr Doe",
 * "President Poe"), the roles it gives them ("Roe, the executive chair," / "executive chair Jane
 * Roe") and their gender when the text shows it (Mr/Ms, or the pronoun that follows the name).
 * Pure: body in, mentions out.
 */
import { SPEECH_VERBS } from './cues'
import { type Gender, givenName } from './first-names'
import { insertedNames, nameInRun, sentencePieces, TITLE_SET } from './name-runs'
import { foldName, surname } from './names'

export type { Gender } from './first-names'

export interface Mention {
  /** Where the name starts in the body. */
  at: number
  /** The name without titles: "Jane Roe", or a surname alone ("Roe") when only that is given. */
  name: string
  /** Titles and role words the text gives with this mention, lower-cased. */
  roles: string[]
  gender: Gender
  /** The mention is the subject of a speech verb ("Roe said the plan…", "Roe, the mayor, told …"). */
  speaks: boolean
  /** The mention is the subject of its sentence (or near its start): a likely antecedent for "he"/"she". */
  subject: boolean
  /** An organisation ("Acme Corp", "Harbor Productions"): a speaker, never "he" or "she". */
  org?: boolean
  /** Titled, or with a common given name: surely a person, not an organisation or a place. */
  likely: boolean
  /** Named inside a quotation: good for a full name, not a speaker for "he said". */
  quoted?: boolean
  /** A nickname the article gave inside the name ("Phil 'Sticks' Jones"): it names the person alone too. */
  nick?: string
}

const MALE_TITLES = new Set(['mr', 'sir', 'lord', 'king', 'prince', 'father', 'brother', 'sheikh', 'emir', 'sultan', 'pope'])
const FEMALE_TITLES = new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'queen', 'princess', 'sister', 'madam'])

/** "Name, the role of X," or "Name, 45, a role," after a name. */
const APPOSITIVE_AFTER = /^,\s+(?:\d{1,3},\s+)?(?:the|a|an|who\s+is\s+(?:the|a|an))\s+([^,.;:"“”]{2,80}?)(?=[,.;:])/u
/** Where each word of the set occurs in the body as a whole word (native indexOf, not a regex per word). */
function occurrences(body: string, words: Set<string>): { at: number; word: string }[] {
  const out: { at: number; word: string }[] = []
  for (const word of words) {
    for (let at = body.indexOf(word); at >= 0; at = body.indexOf(word, at + word.length)) {
      const before = body[at - 1] ?? ' '
      const after = body[at + word.length] ?? ' '
      if (/[\p{L}’'-]/u.test(before) || (/\p{L}/u.test(after) && !/^[’']s\b/.test(body.slice(at + word.length, at + word.length + 3))))
        continue
      out.push({ at, word })
    }
  }
  return out.sort((a, b) => a.at - b.at)
}

/** "executive chair Jane Roe": up to three lower-case words right before a name. */
function roleBefore(body: string, at: number): string[] {
  const words = body.slice(Math.max(0, at - 60), at).split(/\s+/)
  words.pop() // the empty string after the last space
  const out: string[] = []
  for (let i = words.length - 1; i >= 0 && out.length < 3; i--) {
    const w = words[i] as string
    if (!/^[\p{Ll}-]+$/u.test(w)) break
    out.unshift(w)
  }
  return out
}

const ROLE_STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'by',
  'with',
  'said',
  'says',
  'told',
  'that',
  'for',
  'in',
  'on',
  'at',
  'from',
  'as',
  'is',
  'was',
  'his',
  'her',
  'their',
  'its',
  'but',
  'when',
  'who',
  'which',
  'while',
  'after',
  'before',
  'has',
  'had',
  'have',
  'will',
  'would',
  'also',
  'not',
  'former',
  'then',
  'new',
])

/** A speech verb right after a name, or after its appositive. */
const SPEAKS = new RegExp(
  `^(?:,\\s[^,“”"]{1,90},)?(?:\\s+(?:also|then|later|has|had|have|previously|once|earlier))?\\s+(?:${SPEECH_VERBS})\\b`,
  'u',
)

/** Gender from the pronoun the text uses next, before any other capitalised name. */
function genderAfter(body: string, end: number): Gender {
  const window = body.slice(end, end + 260)
  // The first pronoun before any other name (two capitalised words) or the end of the next sentence.
  const m =
    /\b([Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+|[.!?]\s[^.!?]*[.!?]\s/u.exec(
      window,
    )
  if (!m?.[1]) return null
  return /^(he|him|his|himself)$/i.test(m[1]) ? 'm' : 'f'
}

function roleWords(phrase: string): string[] {
  return foldName(phrase)
    .split(' ')
    .filter((w) => w.length > 1 && !ROLE_STOP.has(w) && !/^\d+$/.test(w))
}

/** Abbreviated titles as the role words a later "the …" uses. */
const TITLE_ROLE: Record<string, string> = {
  supt: 'superintendent',
  insp: 'inspector',
  det: 'detective',
  sgt: 'sergeant',
  gen: 'general',
  lt: 'lieutenant',
  col: 'colonel',
  capt: 'captain',
  maj: 'major',
  adm: 'admiral',
  gov: 'governor',
  sen: 'senator',
  rep: 'representative',
  prof: 'professor',
  cllr: 'councillor',
}

/** Every person the body names, in order of position. */
export function findPeople(body: string): Mention[] {
  const out: Mention[] = []
  const surnames = new Set<string>()
  const inserted = insertedNames(body)
  for (const [run, runAt] of sentencePieces(body)) {
    if (!run.includes(' ')) continue
    if (inserted.some((n) => runAt < n.at + n.all.length && runAt + run.length > n.at)) continue // "Sticks' Jones" // one capitalised word: a sentence start, a place, or a surname (found below)
    const found = nameInRun(body, run, runAt)
    if (!found) continue
    const { at, raw, person, org } = found
    const titles = person.titles.map((t) => t.replace(/\.$/, '').toLowerCase())
    let gender: Gender = null
    if (titles.some((t) => MALE_TITLES.has(t))) gender = 'm'
    else if (titles.some((t) => FEMALE_TITLES.has(t))) gender = 'f'
    const end = at + raw.length
    // "Supt Doe" holds the role "superintendent": "the superintendent said" finds him.
    const roles = titles.filter((t) => TITLE_SET.has(t) && !MALE_TITLES.has(t) && !FEMALE_TITLES.has(t)).map((t) => TITLE_ROLE[t] ?? t)
    const after = APPOSITIVE_AFTER.exec(body.slice(end, end + 120))
    if (after?.[1]) roles.push(...roleWords(after[1]))
    roles.push(...roleWords(roleBefore(body, at).join(' ')).slice(-2))
    const speaks = SPEAKS.test(body.slice(end, end + 120))
    const first = givenName(person.name.split(/[\s-]/)[0] ?? '')
    gender ??= first.gender ?? genderAfter(body, end)
    const likely = !org && (person.titles.length > 0 || first.known)
    const mention: Mention = {
      at,
      name: person.name,
      roles,
      gender: org ? null : gender,
      speaks,
      likely,
      subject: isSubject(body, runAt, out),
    }
    if (org) mention.org = true
    out.push(mention)
    if (person.name.includes(' ') && !org) surnames.add(surname(person.name))
  }
  // "Coach (John) Doe", "[Jane] Roe": a given name the editor put in brackets completes the name.
  // "Phil 'Sticks' Jones", "Mary “Ace” Poe": a nickname inside the name is not part of it.
  const spans = new Map<Mention, number>()
  for (const m of inserted) {
    const { at, all, given, family, nick } = m
    const name = `${given} ${family}`
    const mention: Mention = {
      at,
      name,
      roles: roleWords(roleBefore(body, at).join(' ')).slice(-2),
      gender: givenName(given).gender,
      speaks: SPEAKS.test(body.slice(at + all.length, at + all.length + 120)),
      likely: true,
      subject: isSubject(body, at, out),
    }
    if (nick) mention.nick = nick
    out.push(mention)
    spans.set(mention, all.length)
    surnames.add(family)
    if (nick && !nick.includes(' ')) surnames.add(nick)
  }
  out.sort((a, b) => a.at - b.at)
  // Surnames alone ("Roe said", "Roe is under fire") once the full name has been given.
  const named = out.slice()
  const covered = new Uint8Array(body.length)
  for (const o of named) covered.fill(1, o.at, o.at + (spans.get(o) ?? o.name.length))
  for (const { at, word } of occurrences(body, surnames)) {
    if (covered[at]) continue
    const full = named.find((o) => o.at < at && o.name.includes(' ') && (surname(o.name) === word || o.nick === word))
    if (!full) continue
    const end = at + word.length
    const speaks = SPEAKS.test(body.slice(end, end + 120))
    out.push({
      at,
      name: word,
      roles: [],
      gender: full.gender,
      speaks,
      likely: full.likely,
      subject: isSubject(
        body,
        at,
        out.filter((o) => o.at < at && o.at > at - 600),
      ),
    })
  }
  // Given names alone ("I said to John") once the full name has been given, when only one person has it.
  const byGiven = new Map<string, Mention | null>()
  for (const o of named) {
    if (o.org || !o.likely || !o.name.includes(' ')) continue
    const given = o.name.split(' ')[0] as string
    if (!givenName(given).known) continue
    const seen = byGiven.get(given)
    byGiven.set(given, seen === undefined || (seen && surname(seen.name) === surname(o.name)) ? (seen ?? o) : null)
  }
  const givens = new Set([...byGiven].filter(([, m]) => m).map(([g]) => g))
  for (const { at, word } of occurrences(body, givens)) {
    const full = byGiven.get(word)
    if (covered[at] || !full || full.at > at || /^\s+\p{Lu}/u.test(body.slice(at + word.length, at + word.length + 2))) continue
    const end = at + word.length
    out.push({
      at,
      name: full.name,
      roles: [],
      gender: full.gender,
      speaks: SPEAKS.test(body.slice(end, end + 120)),
      likely: true,
      subject: isSubject(
        body,
        at,
        out.filter((o) => o.at < at && o.at > at - 600),
      ),
    })
  }
  out.sort((a, b) => a.at - b.at)
  // One person, one gender: what any mention showed holds for the others (and for the surname alone).
  const known = new Map<string, Gender>()
  for (const o of out) if (o.gender && !o.org && !known.has(surname(o.name))) known.set(surname(o.name), o.gender)
  for (const o of out) if (!o.gender && !o.org) o.gender = known.get(surname(o.name)) ?? null
  return out
}

/** Where the sentence holding `at` begins: after the last line break or sentence end before it (scanning back, not over the whole body). */
function sentenceOpening(body: string, at: number): number {
  for (let i = at - 1; i >= 0 && i > at - 600; i--) {
    const c = body[i]
    if (c === '\n') return i + 1
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(body[i + 1] ?? '')) return i + 1
    if ((c === '.' || c === '!' || c === '?') && /["”’]/.test(body[i + 1] ?? '') && /\s/.test(body[i + 2] ?? '')) return i + 2
  }
  return Math.max(0, at - 600)
}

/** "Following a performance of “Copper Rain,”": an opening phrase that ends in a quoted title and its comma. */
function afterQuotedTitle(prefix: string): boolean {
  if (prefix.length > 140 || !/,[”"]$/.test(prefix)) return false
  const open = Math.max(prefix.lastIndexOf('“'), prefix.lastIndexOf('"', prefix.length - 2))
  return open > 0 && !/[,;:”]/.test(prefix.slice(0, open)) && !/[;:“"]/.test(prefix.slice(open + 1, -2))
}

/** The mention opens its sentence, or follows only a few words of it that name no one else. */
function isSubject(body: string, at: number, earlier: Mention[]): boolean {
  const start = sentenceOpening(body, at)
  const prefix = body.slice(start, at)
  // "In a statement, Roe …", "Following a performance of “Copper Rain,” Doe teed up …"
  if (/[,;:“”"]/.test(prefix)) return /^[^,]{0,40},\s*$/.test(prefix.trim() ? prefix : '') || afterQuotedTitle(prefix.trimEnd())
  const previous = earlier[earlier.length - 1]
  return prefix.trim().split(/\s+/).length <= 5 && !(previous && previous.at >= start)
}

/** The full name a surname or partial name refers to: the latest earlier mention that ends with it. */
export function fullNameFor(people: Mention[], partial: string, before: number): Mention | undefined {
  const folded = foldName(partial)
  const words = folded.split(' ')
  const sur = foldName(surname(partial))
  const given = words.length > 1 ? (words[0] as string) : null
  let best: Mention | undefined
  let familyFirst: Mention | undefined
  for (const p of people) {
    if (p.at > before) break
    if (p.org && !folded.includes(' ')) continue
    const f = foldName(p.name)
    const fw = f.split(' ')
    if (p.nick && foldName(p.nick) === folded) return p // "Sticks said" after John “Sticks” Doe
    const sameSurname = foldName(surname(p.name)) === sur
    // "Doe" or "Josh Doe" after "Joshua Doe": the first, fullest form the article gave.
    const fits =
      f === folded ||
      (f.endsWith(` ${folded}`) && sameSurname) ||
      (sameSurname && given === null && fw.length > 1) ||
      (sameSurname && given !== null && fw.length > 1 && (fw[0] as string).slice(0, 3) === given.slice(0, 3))
    if (fits && (!best || fw.length > best.name.split(' ').length)) best = p
    // "Li" after "Li Ming": a family name written first.
    if (given === null && fw.length === 2 && fw[0] === folded && !givenName(folded).known) familyFirst ??= p
  }
  return best ?? familyFirst
}
