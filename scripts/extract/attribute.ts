/**
 * @module
 * Resolves a cue ("Vaezi", "he", "the general") to a speaker, using the people the article
 * has already named and the registry. When the evidence is weak the answer is null: a wrong name
 * is worse than none.
 */
import type { Cue } from './cues'
import { foldName, NAME_SOURCE, splitTitles, surname, TITLES } from './names'
import { addSpeaker, type Registry } from './registry'

/** A person the article names, with the titles it gives them. */
export interface Mention {
  at: number
  name: string
  titles: string[]
  /** Registry id when the name is known. */
  id: string | null
}

export interface Attribution {
  speaker: string | null
  confidence: number
}

const TITLED = new RegExp(`\\b((?:(?:${TITLES.join('|')})\\.?\\s+)+)(${NAME_SOURCE})`, 'gu')
const APPOSITIVE = new RegExp(`(${NAME_SOURCE}),\\s+(?:the|a|an)\\s+([^,]{3,80}?),`, 'gu')

/** Words in a noun phrase that say nothing about which person it is. */
const FILLER = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'top',
  'senior',
  'former',
  'then',
  'same',
  'new',
  'chief',
  'iranian',
  'american',
  'elite',
])
/** Nouns for things, not people: their quotes have no person speaker. */
const DOCUMENTS =
  /\b(statement|account|report|letter|post|tweet|message|document|study|survey|ruling|verdict|filing|release|communiqu[eé]|website|page|note|memo|editorial|article|newspaper|agency|ministry|company|government|court|police|department|office|spokes(?:man|woman|person)? for)\b/i

/** Titled names and "Name, the role," appositives, in order of position. */
export function findMentions(body: string, registry: Registry): Mention[] {
  const mentions: Mention[] = []
  for (const m of body.matchAll(TITLED)) {
    const person = splitTitles(`${m[1] ?? ''}${m[2] ?? ''}`)
    if (person)
      mentions.push({ at: m.index ?? 0, name: person.name, titles: person.titles, id: registry.byName.get(foldName(person.name)) ?? null })
  }
  for (const m of body.matchAll(APPOSITIVE)) {
    const person = splitTitles(m[1] ?? '')
    if (person?.name.includes(' ')) {
      mentions.push({
        at: m.index ?? 0,
        name: person.name,
        titles: [...person.titles, ...(m[2] ?? '').split(/\s+/)],
        id: registry.byName.get(foldName(person.name)) ?? null,
      })
    }
  }
  return mentions.sort((a, b) => a.at - b.at)
}

export interface ArticleContext {
  registry: Registry
  mentions: Mention[]
  /** The last attributed speaker and where. */
  last: { id: string; at: number } | null
  /** Full names resolved in this article, by folded surname. */
  seen: Map<string, string>
}

function byName(ctx: ArticleContext, raw: string, at: number): string | null {
  const person = splitTitles(raw)
  if (!person) return null
  const folded = foldName(person.name)
  const known = ctx.registry.byName.get(folded)
  if (known) return known
  const sur = foldName(surname(person.name))
  // A surname alone: the person this article named in full, or the one registry speaker with it.
  if (!person.name.includes(' ')) {
    const seen = ctx.seen.get(sur)
    if (seen) return seen
    const mention = [...ctx.mentions].reverse().find((m) => m.at < at + 200 && foldName(surname(m.name)) === sur)
    if (mention)
      return mention.id ?? addSpeaker(ctx.registry, { name: mention.name, roles: mention.titles.length ? [mention.titles.join(' ')] : [] })
    const ids = ctx.registry.bySurname.get(sur)
    if (ids?.length === 1) return ids[0] ?? null
  } else {
    const mention = [...ctx.mentions].reverse().find((m) => m.name.includes(' ') && foldName(m.name).endsWith(folded))
    if (mention?.id) return mention.id
    const ids = ctx.registry.bySurname.get(sur)
    const registered = ids?.find((id) => ctx.registry.speakers.find((s) => s.id === id && foldName(s.name).endsWith(folded)))
    if (registered) return registered
    const fuller = mention && foldName(mention.name).length > folded.length ? mention.name : person.name
    return addSpeaker(ctx.registry, { name: fuller, roles: person.titles.length ? [person.titles.join(' ')] : [] })
  }
  return addSpeaker(ctx.registry, { name: person.name, roles: person.titles.length ? [person.titles.join(' ')] : [] })
}

function byNominal(ctx: ArticleContext, phrase: string, at: number): Attribution {
  if (DOCUMENTS.test(phrase)) {
    // "the Ghaani Twitter account said": a document that names its person.
    const named = new RegExp(NAME_SOURCE, 'u').exec(phrase.replace(/^\S+\s+/, ''))
    const id = named ? byName(ctx, named[0], at) : null
    return { speaker: id, confidence: id ? 0.6 : 0 }
  }
  const words = foldName(phrase)
    .split(' ')
    .filter((w) => !FILLER.has(w))
  const role = words.join(' ')
  if (!role) return { speaker: null, confidence: 0 }
  const roleIds = ctx.registry.byRole.get(role)
  if (roleIds?.length === 1) return { speaker: roleIds[0] ?? null, confidence: 0.7 }
  const head = words[words.length - 1] ?? ''
  const mention = [...ctx.mentions].reverse().find((m) => m.at < at && m.titles.some((t) => foldName(t) === head))
  if (mention) return { speaker: byName(ctx, mention.name, mention.at), confidence: 0.7 }
  if (ctx.last && at - ctx.last.at < 1500) return { speaker: ctx.last.id, confidence: 0.5 }
  return { speaker: null, confidence: 0 }
}

/** Resolves one cue at position `at` (the quote's opening mark) and records it as the last speaker. */
export function attributeSpeaker(ctx: ArticleContext, cue: Cue | null, at: number): Attribution {
  let result: Attribution = { speaker: null, confidence: 0 }
  if (cue?.type === 'name') {
    const id = byName(ctx, cue.text, at)
    result = { speaker: id, confidence: id ? 0.9 : 0 }
    const person = splitTitles(cue.text)
    if (id && person?.name.includes(' ')) ctx.seen.set(foldName(surname(person.name)), id)
  } else if (cue?.type === 'pronoun') {
    if (ctx.last && at - ctx.last.at < 2500) result = { speaker: ctx.last.id, confidence: 0.7 }
    else {
      const mention = [...ctx.mentions].reverse().find((m) => m.at < at)
      if (mention) result = { speaker: byName(ctx, mention.name, mention.at), confidence: 0.5 }
    }
  } else if (cue?.type === 'nominal') {
    result = byNominal(ctx, cue.text, at)
  }
  if (result.speaker) ctx.last = { id: result.speaker, at }
  return result
}
