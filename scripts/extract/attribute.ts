/**
 * @module
 * Resolves a cue ("Roe", "he", "the general", "the White House") to a speaker id, using the people
 * the article names (people.ts) and the registry. When the evidence is weak the answer is null: a wrong
 * name is worse than none.
 */
import type { Cue } from './cues'
import { trimName } from './name-runs'
import { foldName, NAME_SOURCE, splitTitles, surname } from './names'
import { fullNameFor, type Gender, type Mention } from './people'
import { addSpeaker, type Registry } from './registry'

export interface Attribution {
  speaker: string | null
  confidence: number
}

/** What the article has established so far, as extraction walks through it. */
export interface ArticleContext {
  registry: Registry
  people: Mention[]
  /** The last attributed speaker, where, and their gender if known. */
  last: { id: string; at: number; gender: Gender } | null
  /** Gender learned per speaker id (from titles, or from the pronoun that followed their name). */
  genders: Map<string, Gender>
  /** Speakers that are organisations ("the Acme Commission"): "it" and "they" can refer to them. */
  orgs: Set<string>
  /** The article body. */
  body: string
  /** Where the sentence holding a position starts. */
  sentenceStart: (at: number) => number
  /**
   * In a transcript (an interview's Q:/A: turns, a speech): who "I" and "you" are at a position, as the
   * name the article gives them; null when the text is not a transcript or does not say.
   */
  voice?: (at: number, pronoun: 'i' | 'you') => string | null
}

/** Nouns for things, not people: a quote from "the statement" has no person speaker. */
const DOCUMENTS =
  /\b(statement|account|report|letter|post|tweet|message|document|study|survey|poll|ruling|verdict|filing|release|communiqu[eé]|website|page|note|memo|editorial|article|book|paper|lawsuit|complaint|indictment|order|judgment|judgement|decision|motion|brief|text|email|e-mail|sign|banner|headline|caption|video|clip)\b/i
/** Words in a noun phrase that say nothing about which person it is. */
const FILLER = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'top',
  'senior',
  'former',
  'then',
  'same',
  'new',
  'elite',
  'one',
  'of',
])
/** Noun heads that name a person by role: "the mayor", "the 45-year-old", "the striker". */
const GENERIC_PERSON =
  /^(man|woman|boy|girl|person|official|officer|source|resident|witness|victim|suspect|father|mother|son|daughter|husband|wife|spokes(?:man|woman|person)|\d+-year-old)$/
/**
 * Occupations a report uses to refer back to the person it is about ("…,” said the actor", "the singer
 * added"): like a generic noun, the person just quoted or introduced, when no one was given that role by name.
 */
const OCCUPATION =
  /^(actor|actress|singer|star|rapper|musician|artist|comedian|player|athlete|author|writer|novelist|filmmaker|director|scientist|researcher|entrepreneur|billionaire|businessman|businesswoman|lawmaker|politician|campaigner|activist)$/
/** Generic nouns for a gendered person: "the man", "the woman" used over and over are someone unnamed. */
const UNNAMED_PERSON = /^(man|woman|boy|girl)$/

export function newContext(
  registry: Registry,
  people: Mention[],
  body = '',
  sentenceStart: (at: number) => number = () => 0,
): ArticleContext {
  return { registry, people, last: null, genders: new Map(), orgs: new Set(), body, sentenceStart }
}

function mentionGender(m: Mention | undefined): Gender {
  return m?.gender ?? null
}

/** A name as written ("Roe", "Mr Doe", "Jane Roe", "the White House") to a speaker id. */
function byName(ctx: ArticleContext, raw: string, at: number): { id: string; gender: Gender } | null {
  const bare = raw.replace(/^(?:the|The)\s+/, '')
  const person = splitTitles(bare) ?? titleAsSurname(ctx, bare, at)
  if (!person) return null
  const name = trimName(person.name.replace(/[’']s$/, ''))
  const known = ctx.registry.byName.get(foldName(name))
  // "Doe said" before the article gives "Springfield coach John Doe": the one full name it gives later.
  const full = fullNameFor(ctx.people, name, at + 1) ?? (name.includes(' ') ? undefined : laterFullName(ctx.people, name, at))
  // A surname a previous article left as a speaker of its own does not hide the full name this one gives.
  const bareSurname = known !== undefined && !ctx.registry.byId.get(known)?.name.includes(' ')
  if (known && !(bareSurname && full?.name.includes(' ') && full.name !== name)) return { id: known, gender: mentionGender(full) }
  if (full && full.name !== name) {
    const id = ctx.registry.byName.get(foldName(full.name))
    if (id) return { id, gender: full.gender }
  }
  if (!name.includes(' ')) {
    // A surname alone: the person this article named in full, else the one registry speaker with it.
    if (full?.name.includes(' ')) return { id: addSpeaker(ctx.registry, { name: full.name }), gender: full.gender }
    const ids = ctx.registry.bySurname.get(foldName(surname(name)))
    if (ids?.length === 1 && ids[0]) return { id: ids[0], gender: mentionGender(full) }
    return { id: addSpeaker(ctx.registry, { name }), gender: mentionGender(full) }
  }
  const registered = ctx.registry.bySurname
    .get(foldName(surname(name)))
    ?.find((id) => foldName(ctx.registry.byId.get(id)?.name ?? '').endsWith(foldName(name)))
  if (registered) return { id: registered, gender: mentionGender(full) }
  return { id: addSpeaker(ctx.registry, { name: full?.name ?? name }), gender: mentionGender(full) }
}

/** The full name given after `at` for a surname used alone before it, when the article gives only one. */
function laterFullName(people: Mention[], word: string, at: number): Mention | undefined {
  const folded = foldName(word)
  const later = people.filter((p) => p.at > at && !p.org && p.name.includes(' ') && foldName(surname(p.name)) === folded)
  return new Set(later.map((p) => foldName(p.name))).size === 1 ? later[0] : undefined
}

/** Titles that are also common surnames: "Major said" is John Major, or a Mr Major the article did not name in full. */
const SURNAME_TITLES = new Set(['major', 'general', 'judge', 'bishop', 'marshal', 'king', 'prince', 'pope', 'cardinal', 'dean', 'justice'])

/**
 * A title standing alone as the subject of a speech verb ("'We will not stop,' Major said"): a surname,
 * the person the article named with it ("John Major") or, for a title that is a common surname, that name.
 */
function titleAsSurname(ctx: ArticleContext, word: string, at: number): { name: string; titles: string[] } | null {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return null
  if (fullNameFor(ctx.people, word, at + 1)?.name.includes(' ')) return { name: word, titles: [] }
  return SURNAME_TITLES.has(word.toLowerCase()) ? { name: word, titles: [] } : null
}

/** The most recent person before `at` (last speaker first) whose gender fits the pronoun. */
function byPronoun(ctx: ArticleContext, pronoun: string, at: number): Attribution {
  const want: Gender = pronoun === 'he' || pronoun === 'him' ? 'm' : pronoun === 'she' || pronoun === 'her' ? 'f' : null
  if (!want) {
    // "it", "they", "we": the organisation that spoke last or was last the subject, or nobody.
    const org = [...ctx.people].reverse().find((p) => p.at < at && at - p.at < 1500 && !p.quoted && (p.org || (!p.likely && p.subject)))
    const lastOrg = ctx.last && at - ctx.last.at < 1500 && ctx.orgs.has(ctx.last.id) ? ctx.last : null
    if (org && (!lastOrg || org.at > lastOrg.at)) {
      const id = addSpeaker(ctx.registry, { name: org.name })
      ctx.orgs.add(id)
      return { speaker: id, confidence: 0.6 }
    }
    return lastOrg ? { speaker: lastOrg.id, confidence: 0.6 } : { speaker: null, confidence: 0 }
  }
  const other: Gender = want === 'm' ? 'f' : 'm'
  // "He" and "she" are people: an organisation that spoke last is not their antecedent.
  const last = ctx.last && !ctx.orgs.has(ctx.last.id) ? ctx.last : null
  const lastGender = last ? (ctx.genders.get(last.id) ?? last.gender) : null
  // The most recent salient person before the quote: a sentence subject, someone reported as
  // speaking, or the last speaker; people named inside quotations do not count.
  const sentence = Math.max(0, ctx.sentenceStart(at))
  for (let i = ctx.people.length - 1; i >= 0; i--) {
    const p = ctx.people[i] as Mention
    if (p.at >= at || p.quoted || p.org) continue
    if (at - p.at > 2500) break
    if (last && p.at < last.at && lastGender !== other) return { speaker: last.id, confidence: lastGender === want ? 0.8 : 0.6 }
    if (!(p.subject || p.speaks || p.at >= sentence) || !(p.likely || p.speaks)) continue
    // "He underlined that … General Doe … “…”": a name after the pronoun in its sentence is not its antecedent.
    // "He urged Mr. Trump …, saying “…”": a name after the pronoun that opens the clause is its object, not the pronoun.
    if (p.at >= sentence) {
      const lead = ctx.body.slice(sentence, p.at)
      if (new RegExp(`^\\s*(?:[^,]{0,40},\\s*)?${pronoun}\\b`, 'i').test(lead)) continue
      if (!p.subject && new RegExp(`\\b${pronoun}\\b`, 'i').test(lead)) continue
    }
    const who = byName(ctx, p.name, p.at)
    if (!who) continue
    const gender = ctx.genders.get(who.id) ?? who.gender ?? p.gender
    if (gender === other) continue
    return { speaker: who.id, confidence: gender === want ? 0.75 : 0.6 }
  }
  if (last && at - last.at < 2500 && lastGender !== other) return { speaker: last.id, confidence: lastGender === want ? 0.8 : 0.6 }
  // "I said to John, “…” He said, “…”": no subject fits, but the paragraph named one person of that gender.
  const paragraph = ctx.body.lastIndexOf('\n', at - 1) + 1
  const named = ctx.people.filter((p) => p.at >= paragraph && p.at < at && !p.quoted && !p.org && p.gender === want)
  if (named.length > 0 && new Set(named.map((p) => foldName(surname(p.name)))).size === 1) {
    const who = byName(ctx, (named[named.length - 1] as Mention).name, at)
    if (who) return { speaker: who.id, confidence: 0.5 }
  }
  return { speaker: null, confidence: 0 }
}

/** Who a document belongs to, from the words that introduced it: "account attributed to X", "X's account". */
function documentOwner(ctx: ArticleContext, head: string, at: number): string | null {
  const before = ctx.body.slice(Math.max(0, at - 500), at)
  const owned = new RegExp(
    `${head}s?\\b[^.“”"]{0,60}?\\b(?:attributed to|of|belonging to|run by|linked to|by|from)\\s+(${NAME_SOURCE})`,
    'u',
  ).exec(before)
  const possessive = new RegExp(`(${NAME_SOURCE})[’']s\\s+(?:[\\p{L}-]+\\s+){0,2}${head}`, 'u').exec(before)
  const name = owned?.[1] ?? possessive?.[1]
  return name ? (byName(ctx, name, at)?.id ?? null) : null
}

/** "the mayor", "the Leader", "an Acme Corp spokesperson", "the White House", "the statement". */
function byNominal(ctx: ArticleContext, phrase: string, at: number): Attribution {
  // "the White House", "the Bank of England", "the Acme College of Physicians": a proper name after "the".
  const capitalised = /^(?:the|The)\s+(\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*\p{Lu}[\p{L}’'-]*)*)\s*$/u.exec(phrase)
  const words = foldName(phrase)
    .split(' ')
    .filter((w) => !FILLER.has(w))
  const role = words.join(' ')
  const head = words[words.length - 1] ?? ''
  const roleIds = ctx.registry.byRole.get(foldName(phrase.replace(/^(?:the|a|an)\s+/i, ''))) ?? ctx.registry.byRole.get(role)
  if (roleIds?.length === 1 && roleIds[0]) return { speaker: roleIds[0], confidence: 0.7 }
  // "a spokeswoman for Springfield Police": the organisation speaks through them.
  const spokes = /^a spokesperson for (.+)$/i.exec(phrase)
  if (spokes?.[1]) {
    // "the University of Oxford": an organisation's proper name, kept whole.
    const proper = /^(?:the\s+)?(\p{Lu}[\p{L}’'-]*(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*))$/u.exec(spokes[1])
    const who = proper?.[1] ? { id: addSpeaker(ctx.registry, { name: proper[1] }) } : byName(ctx, spokes[1], at)
    if (who) {
      ctx.orgs.add(who.id)
      return { speaker: who.id, confidence: 0.6 }
    }
  }
  // "The Yorkshire Post called it …": a capitalised name is an organisation, not a document.
  if (DOCUMENTS.test(capitalised ? phrase.replace(/\p{Lu}[\p{L}’'-]*/gu, '') : phrase)) {
    // "…,” said a report from Acme Institutional Equities": the owner is named in the phrase itself.
    const named = new RegExp(`\\b(?:from|by|of)\\s+(?:the\\s+)?(${NAME_SOURCE})\\s*$`, 'u').exec(phrase)
    if (named?.[1]) {
      const who = byName(ctx, named[1], at)
      if (who) return { speaker: who.id, confidence: 0.6 }
    }
    // "A Twitter account attributed to General Doe … “…,” the account said": the document's owner.
    const owner = documentOwner(ctx, head, at)
    return owner ? { speaker: owner, confidence: 0.6 } : { speaker: null, confidence: 0 }
  }
  // "the 14th-ranked Doe said", "the veteran Poe added": a descriptor before the surname of
  // someone the article has named.
  const described = /^(?:the|The)\s+(?:[\p{Ll}\d][\p{L}\d’'-]*\s+){1,3}(\p{Lu}[\p{L}’'-]+)$/u.exec(phrase)
  if (described?.[1] && fullNameFor(ctx.people, described[1], at)) {
    const who = byName(ctx, described[1], at)
    if (who) return { speaker: who.id, confidence: 0.7 }
  }
  // A role the article gave someone earlier: "Roe, the mayor, …" then "the mayor said".
  const holder = [...ctx.people].reverse().find((p) => p.at < at && p.roles.includes(head))
  if (holder && !GENERIC_PERSON.test(head) && !/\d+-year-old$/.test(phrase)) {
    const who = byName(ctx, holder.name, holder.at)
    if (who) return { speaker: who.id, confidence: 0.7 }
  }
  // "the Norwegian told the BBC", "the 45-year-old said": the person the previous sentences introduced.
  if (/^(?:a|an|one)\s/i.test(phrase)) return { speaker: null, confidence: 0 } // "an officer said": someone unnamed
  // Folding splits "68-year-old" into words: the age is read from the phrase as written.
  const aged = /\d+-year-old$/.test(phrase)
  // "the man wrote" in a report that has called him "the man" throughout: someone it never names.
  if (UNNAMED_PERSON.test(head) && /^the\s/i.test(phrase)) {
    const uses = ctx.body.slice(0, at).match(new RegExp(`\\b(?:the|a)\\s+(?:[\\p{L}\\d-]+\\s+)?${head}\\b`, 'giu'))?.length ?? 0
    if (uses >= 3) return { speaker: null, confidence: 0 }
  }
  if (
    aged ||
    GENERIC_PERSON.test(head) ||
    OCCUPATION.test(head) ||
    // "the Norwegian", "the Spaniard" (not "the University of Michigan": a name with "of" is an organisation)
    (/^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i|ard)$/u.test(phrase.split(/\s+/).pop() ?? '') && !/\sof\s/.test(phrase))
  ) {
    // The person the previous sentences introduced as their subject ("Veteran rocker John Doe has
    // vowed … The 68-year-old, who fronted Copper Lane, told the Mirror"): a band or a place named since is not it.
    const introduced = [...ctx.people].reverse().find((p) => p.at < at && !p.quoted && !p.org && (p.likely || p.speaks))
    // "Ortega was less happy. “…,” the Spaniard said.": the subject just introduced in the quote's paragraph.
    const paragraph = ctx.body.lastIndexOf('\n', at - 1) + 1
    if (introduced?.subject && introduced.at >= paragraph && introduced.at > (ctx.last?.at ?? -1) && /^the\s/i.test(phrase)) {
      const who = byName(ctx, introduced.name, introduced.at)
      if (who) return { speaker: who.id, confidence: 0.5 }
    }
    // "the official", "the Iranian official": the speaker just quoted, if any, else the person just introduced.
    if (ctx.last && at - ctx.last.at < 1500 && !ctx.orgs.has(ctx.last.id) && /^the\s/i.test(phrase))
      return { speaker: ctx.last.id, confidence: 0.5 }
    if (introduced && at - introduced.at < 500 && introduced.subject) {
      const who = byName(ctx, introduced.name, introduced.at)
      if (who) return { speaker: who.id, confidence: 0.5 }
    }
    return { speaker: null, confidence: 0 }
  }
  // "the White House", "the Home Office": an organisation speaks under its own name.
  if (capitalised?.[1] && !ctx.registry.byRole.has(foldName(capitalised[1]))) {
    const id = addSpeaker(ctx.registry, { name: capitalised[1].trim() })
    ctx.orgs.add(id)
    return { speaker: id, confidence: 0.6 }
  }
  return { speaker: null, confidence: 0 }
}

/** Resolves one cue for the quote at `at` and records the speaker as the last one. */
export function attributeSpeaker(ctx: ArticleContext, cue: Cue | null, at: number): Attribution {
  let result: Attribution = { speaker: null, confidence: 0 }
  let gender: Gender = null
  if (cue?.type === 'name') {
    const who = byName(ctx, cue.text, at)
    if (who) {
      result = { speaker: who.id, confidence: 0.9 }
      gender = who.gender
    }
  } else if (cue?.type === 'pronoun' && (cue.text === 'i' || cue.text === 'you')) {
    // "I said to John, “…”" in an interview answer or a speech: the one speaking; elsewhere the reporter, unnamed.
    const name = ctx.voice?.(at, cue.text)
    const who = name ? byName(ctx, name, at) : null
    if (who) {
      result = { speaker: who.id, confidence: 0.7 }
      gender = who.gender
    }
  } else if (cue?.type === 'pronoun') {
    result = byPronoun(ctx, cue.text, at)
    gender = cue.text === 'he' ? 'm' : cue.text === 'she' ? 'f' : null
  } else if (cue?.type === 'nominal') {
    result = byNominal(ctx, cue.text, at)
  }
  if (result.speaker) {
    if (gender && !ctx.genders.get(result.speaker)) ctx.genders.set(result.speaker, gender)
    ctx.last = { id: result.speaker, at, gender: ctx.genders.get(result.speaker) ?? gender }
  }
  return result
}

/** Keeps the last speaker for a quote that carries on without a cue of its own. */
export function continueSpeaker(ctx: ArticleContext, speaker: string, at: number): void {
  ctx.last = { id: speaker, at, gender: ctx.genders.get(speaker) ?? null }
}
