/**
 * @module
 * The people an article names, in order: full names ("Jane Roe"), titled names ("Mr Doe",
 * "President Poe"), the roles it gives them ("Roe, the executive chair," / "executive chair Jane
 * Roe") and their gender when the text shows it (Mr/Ms, or the pronoun that follows the name).
 * Pure: body in, mentions out.
 */
import { SPEECH_VERBS } from './cues'
import { givenName } from './first-names'
import { foldName, NAME_SOURCE, pronounIsName, splitTitles, surname, TITLES } from './names'

export type Gender = 'm' | 'f' | null

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

/** Capitalised words that start sentences or name things, not people. */
const NOT_FIRST = new Set(
  (
    'The A An This That These Those It Its He She They We I You Our Their His Her But And Or If When While After Before Since ' +
    'In On At As For Of To By With From Under Over About Into During Despite Although Though Because So Yet Then Now Here There ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September ' +
    'October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec New North South East West United Read More ' +
    'According Meanwhile However Also Earlier Later Last Next Some Many Most Several Both Each Every Other Such What Who Why How ' +
    'Where Which Mount Lake River Street Road Avenue Saint St Fort Port Cape Gulf Bay Island Islands Royal National Federal State ' +
    'Supreme High Court House Senate Congress Parliament Ministry Department Office Council Committee Commission Agency University ' +
    'College School Hospital Police Army Navy Air Force Party Club League Cup Premier Championship World Olympic Games Associated ' +
    'Press Reuters News Times Post Daily Sunday Journal BBC CNN'
  ).split(' '),
)

/** Last words that make a capitalised phrase an organisation or a place. */
const ORG_WORDS =
  /\b(?:Inc|Corp|Corporation|Company|Co|Ltd|LLC|Group|Bank|University|College|School|Institute|Ministry|Department|Office|Council|Committee|Commission|Agency|Association|Union|Party|Police|Court|Hospital|Club|League|Times|News|Post|Journal|Press|Service|Productions|Records|Studios|Entertainment|Media|Pictures|Music|Labs|Robotics|Aerospace|Industries|Energy|Pharmaceuticals|Services|Authority|Board|Foundation|Fund|Trust|Centre|Center|Network|Airlines|Airways|Motors|Technologies|Systems|Partners|Capital|Holdings|Society|Federation|Organi[sz]ation|Administration|Bureau|Force|Guard|Corps|Army|Navy|Senate|House|Parliament|Congress|Assembly|Government|Cabinet|Street|Road|Avenue|Square|City|County|State|States|Kingdom|Republic|Island|Islands|Mountains|River|Valley|Stadium|Park|Airport)$/

const TITLE_SET = new Set(TITLES.map((t) => t.toLowerCase()))

/** A capitalised run: titles, then a name of one to four words. */
const RUN = new RegExp(NAME_SOURCE, 'gu')

/** "Name, the role of X," or "Name, 45, a role," after a name. */
const APPOSITIVE_AFTER = /^,\s+(?:\d{1,3},\s+)?(?:the|a|an|who\s+is\s+(?:the|a|an))\s+([^,.;:"“”]{2,80}?)(?=[,.;:])/u
/** "executive chair Jane Roe": lower-case role words right before a name. */
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

/** Is this capitalised phrase (titles already removed) a person's name? */
export function looksLikePerson(name: string, titled: boolean): boolean {
  const words = name.split(/\s+/)
  if (ORG_WORDS.test(name)) return false
  if (words.some((w) => /^[A-Z]{2,}$/.test(w) && w.length > 1 && !titled)) return false // acronyms: NATO, BBC
  if (!titled && words.length < 2) return false
  if (NOT_FIRST.has(words[0] as string) && !pronounIsName(words, titled)) return false
  // "Prime Minister", "Foreign Minister": a title, not a name; but "John Major", "Jane King" are people.
  if (TITLE_SET.has((words[words.length - 1] as string).toLowerCase()) && !givenName(words[0] as string).known) return false
  return words.length <= 5
}

/** Every person the body names, in order of position. */
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

/** "(John) Doe", "[Jane] Roe": a bracketed given name before a surname. */
const BRACKETED_GIVEN = /[([](\p{Lu}\p{Ll}+)[)\]]\s+(\p{Lu}[\p{Ll}’'-]+)(?![\p{L}])/gu
/** "Phil 'Sticks' Jones", "John “The Hammer” Doe": a nickname in quote marks between given name and surname. */
const NICKNAMED = /\s['‘"“](\p{Lu}[\p{L}.’'-]*(?:\s\p{Lu}[\p{L}.’'-]*){0,2})['’"”]\s+(\p{Lu}[\p{Ll}’'-]+)(?![\p{L}])/gu

interface Inserted {
  at: number
  /** The whole written form, brackets or nickname included. */
  all: string
  given: string
  family: string
  nick?: string
}

/** Names written with something inside them: a bracketed given name, or a quoted nickname. */
function insertedNames(body: string): Inserted[] {
  const out: Inserted[] = []
  for (const m of body.matchAll(BRACKETED_GIVEN)) {
    const [all, given = '', family = ''] = m
    const at = m.index ?? 0
    const titled = TITLE_SET.has((/(\p{L}+)\s*$/u.exec(body.slice(Math.max(0, at - 20), at))?.[1] ?? '').toLowerCase())
    if (givenName(given).known || titled) out.push({ at, all, given, family })
  }
  // The pattern starts at the mark (a cheap literal to scan for); the given name is the word before it.
  for (const m of body.matchAll(NICKNAMED)) {
    const [rest, nick = '', family = ''] = m
    const given = /(?<![\p{L}’'])\p{Lu}\p{Ll}+$/u.exec(body.slice(Math.max(0, (m.index ?? 0) - 30), m.index))?.[0]
    if (!given || NOT_FIRST.has(given) || TITLE_SET.has(given.toLowerCase()) || NOT_FIRST.has(family)) continue
    const at = (m.index ?? 0) - given.length
    out.push({ at, all: body.slice(at, (m.index ?? 0) + rest.length), given, family, nick })
  }
  return out.sort((a, b) => a.at - b.at)
}

/** The dot of an abbreviation or an initial, which does not end a sentence inside a run of names. */
const RUN_STOP = /(?<!\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Jr|Sr|Capt|Maj|Adm|Rev|Hon|Mt|Ft))\.\s+/gu

/**
 * Capitalised runs, cut where a sentence ends inside them: "John Major. Judge Roe heard" gives "John Major"
 * and "Judge Roe", so a name that opens the next sentence is not lost (nor taken for a title of the last).
 */
function* sentencePieces(body: string): Generator<[string, number]> {
  for (const m of body.matchAll(RUN)) {
    const at = m.index ?? 0
    let from = 0
    if (!m[0].includes('.')) {
      yield [m[0], at]
      continue
    }
    for (const stop of m[0].matchAll(RUN_STOP)) {
      const end = (stop.index ?? 0) + 1
      yield [m[0].slice(from, end), at + from]
      from = end + stop[0].length - 1
    }
    yield [m[0].slice(from), at + from]
  }
}

/** The person's name inside a capitalised run, with where it starts: titles split off, places and acronyms before it dropped. */
function nameInRun(body: string, run: string, runAt: number) {
  // "Political Affairs Brigadier General John Doe": the name is what follows the last title.
  const words = run.split(/(\s+)/)
  let cut = -1
  for (let i = words.length - 3; i >= 0; i -= 2) {
    if (TITLE_SET.has((words[i] as string).replace(/\.$/, '').toLowerCase())) {
      cut = i
      while (cut >= 2 && TITLE_SET.has((words[cut - 2] as string).replace(/\.$/, '').toLowerCase())) cut -= 2
      break
    }
  }
  if (cut < 0 && ORG_WORDS.test(run.replace(/[’']s$/, ''))) cut = 0 // "Norwegian Prosecution Authority": an organisation keeps every word
  if (cut < 0) {
    // "CEO John Doe", "Norway Jane Roe": a given name starts the name; acronyms and words the
    // article also uses on their own are not part of it.
    const names = words.filter((_, i) => i % 2 === 0)
    const given = names.findIndex((w, i) => i > 0 && i < names.length - 1 && givenName(w.split('-')[0] ?? '').known)
    let drop = given > 0 && !givenName(names[0] as string).known ? given : 0
    // "and Mary Ann Poe", "with John Lee Doe": a second given name after the first, not a word before
    // the name; mid-sentence, so not a capitalised role opening it ("Actor Jane Roe was …").
    const midSentence = /[\p{Ll},]\s+$/u.test(body.slice(Math.max(0, runAt - 3), runAt))
    if (
      drop === 1 &&
      midSentence &&
      names.length === 3 &&
      SECOND_GIVEN.test(names[1] as string) &&
      /^\p{Lu}\p{Ll}+$/u.test(names[0] as string)
    )
      if (!standsAlone(body, names[0] as string, names[1] as string) && !TITLE_SET.has((names[0] as string).toLowerCase())) drop = 0
    if (drop === 0)
      while (
        drop < names.length - 2 &&
        (/^[A-Z.]{2,}$/.test(names[drop] as string) || standsAlone(body, names[drop] as string, names[drop + 1] as string))
      )
        drop++
    cut = drop * 2
  }
  // "Roe’s July call": a possessive ends the name.
  const possessive = words.findIndex((w, i) => i >= cut && i % 2 === 0 && /[’']s$/.test(w))
  let raw = words
    .slice(cut, possessive >= 0 ? possessive + 1 : undefined)
    .join('')
    .replace(/[’']s$/, '')
  // A run that crosses a sentence end ("Springfield. Doe"): keep the part before it.
  const stop = /(?<!\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Jr|Sr|Capt|Maj|Adm|Rev))\.\s/u.exec(raw)
  if (stop) raw = raw.slice(0, stop.index)
  const person = splitTitles(raw)
  if (!person) return null
  person.name = person.name.replace(/\s+(?:QC|KC|MP|MBE|OBE|CBE)$/, '')
  const org = ORG_WORDS.test(person.name) && person.titles.length === 0
  if (!org && !looksLikePerson(person.name, person.titles.length > 0)) return null
  // Positions point at the name itself, after its titles.
  const inRaw = Math.max(0, raw.indexOf(person.name))
  return { at: runAt + words.slice(0, cut).join('').length + inRaw, raw: raw.slice(inRaw), person, org }
}

/** Given names often worn second in a double given name ("Mary Ann", "Billy Bob", "Mary Jo"). */
const SECOND_GIVEN = /^(?:Ann|Anne|Lee|Jo|Sue|Mae|Marie|Lynn|Beth|Bob|Ray|Jean|Louise|Rose|Kate|Jane|Grace)$/

/** Countries and cities that often stand right before a name ("ambassador to Britain Li Ming"). */
const PLACES = new Set(
  (
    'Afghanistan Africa America Argentina Asia Australia Austria Baghdad Beijing Belgium Berlin Brazil Britain Brussels Canada China ' +
    'Damascus Delhi Egypt England Europe France Gaza Germany Greece Hong Kong India Indonesia Iran Iraq Ireland Israel Italy Japan ' +
    'Jerusalem Jordan Kabul Kenya Kong Korea Kyiv Lebanon Libya London Mexico Moscow Nigeria Pakistan Palestine Paris Poland Qatar ' +
    'Russia Saudi Scotland Spain Sweden Switzerland Syria Taiwan Tehran Tokyo Turkey Ukraine Wales Washington Yemen'
  ).split(' '),
)

/** The word appears elsewhere in the body capitalised and not followed by `next`: a place or group, not a given name. */
function standsAlone(body: string, word: string, next: string): boolean {
  if (PLACES.has(word)) return true
  if (!/^\p{Lu}/u.test(word) || givenName(word).known) return false
  // Cheap test first: a word that occurs once in the body cannot stand alone elsewhere.
  if (body.indexOf(word) === body.lastIndexOf(word)) return false
  const re = new RegExp(
    `(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])(?!\\s+${next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`,
    'u',
  )
  return re.test(body)
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

/** The mention opens its sentence, or follows only a few words of it that name no one else. */
/** "Following a performance of “Copper Rain,”": an opening phrase that ends in a quoted title and its comma. */
function afterQuotedTitle(prefix: string): boolean {
  if (prefix.length > 140 || !/,[”"]$/.test(prefix)) return false
  const open = Math.max(prefix.lastIndexOf('“'), prefix.lastIndexOf('"', prefix.length - 2))
  return open > 0 && !/[,;:”]/.test(prefix.slice(0, open)) && !/[;:“"]/.test(prefix.slice(open + 1, -2))
}

function isSubject(body: string, at: number, earlier: Mention[]): boolean {
  const start = sentenceOpening(body, at)
  const prefix = body.slice(start, at)
  // "In a statement, Roe …", "Following a performance of “Copper Rain,” Doe teed up …"
  if (/[,;:“”"]/.test(prefix)) return /^[^,]{0,40},\s*$/.test(prefix.trim() ? prefix : '') || afterQuotedTitle(prefix.trimEnd())
  const previous = earlier[earlier.length - 1]
  return prefix.trim().split(/\s+/).length <= 5 && !(previous && previous.at >= start)
}

/** "CEO John Doe" → "John Doe": acronyms and words before a common given name are not the name. */
export function trimName(name: string): string {
  const words = name.split(' ')
  let drop = 0
  while (drop < words.length - 1 && (/^[A-Z.]{2,}$/.test(words[drop] as string) || PLACES.has(words[drop] as string))) drop++
  const given = words.findIndex((w, i) => i > drop && i < words.length - 1 && givenName(w.split('-')[0] ?? '').known)
  if (given > 0 && !givenName(words[drop] as string).known) drop = given
  return words.slice(drop).join(' ')
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
