/**
 * @module
 * The speakers registry (corpus/speakers.yaml): canonical names, aliases and spellings, roles, Wikidata ids.
 */
import type { Speaker } from '../../src/types'
import { foldName, speakerId, surname } from './names'

export interface RegistryEntry {
  name: string
  aliases?: string[]
  roles?: string[]
  qid?: string
}

export interface Registry {
  speakers: Speaker[]
  /** Folded name or alias → speaker id. */
  byName: Map<string, string>
  /** Folded surname → speaker ids sharing it. */
  bySurname: Map<string, string[]>
  /** Folded role ("supreme leader") → speaker ids holding it. */
  byRole: Map<string, string[]>
  /** Speaker id → speaker: adding a name seen in text is a lookup, not a scan of every speaker. */
  byId: Map<string, Speaker>
  /** Ids of the speakers the corpus's speakers.yaml lists (not those found in text). */
  curated: Set<string>
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key) ?? []
  if (!list.includes(id)) list.push(id)
  map.set(key, list)
}

/** Validates raw YAML entries; errors name the entry's position so the build can point at it. */
export function validateRegistry(raw: unknown): { entries: RegistryEntry[]; errors: { index: number; reason: string }[] } {
  const errors: { index: number; reason: string }[] = []
  const entries: RegistryEntry[] = []
  const list = raw === null || raw === undefined ? [] : raw
  if (!Array.isArray(list)) return { entries, errors: [{ index: -1, reason: 'the registry must be a list of speakers' }] }
  for (const [index, item] of (list as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null) {
      errors.push({ index, reason: 'an entry must be a mapping with a name' })
      continue
    }
    const e = item as Record<string, unknown>
    if (typeof e.name !== 'string' || e.name.trim() === '') {
      errors.push({ index, reason: 'an entry needs a "name"' })
      continue
    }
    for (const key of Object.keys(e)) {
      if (!['name', 'aliases', 'roles', 'qid'].includes(key))
        errors.push({ index, reason: `unknown key "${key}" (allowed: name, aliases, roles, qid)` })
    }
    for (const key of ['aliases', 'roles'] as const) {
      const v = e[key]
      if (v !== undefined && !(Array.isArray(v) && v.every((s) => typeof s === 'string')))
        errors.push({ index, reason: `"${key}" must be a list of strings` })
    }
    if (e.qid !== undefined && !(typeof e.qid === 'string' && /^Q\d+$/.test(e.qid)))
      errors.push({ index, reason: `"qid" must look like Q123` })
    entries.push(e as unknown as RegistryEntry)
  }
  return { entries, errors }
}

export function buildRegistry(entries: RegistryEntry[]): Registry {
  const registry: Registry = {
    speakers: [],
    byName: new Map(),
    bySurname: new Map(),
    byRole: new Map(),
    byId: new Map(),
    curated: new Set(),
  }
  for (const e of entries) registry.curated.add(addSpeaker(registry, e))
  return registry
}

/** Adds a speaker (from the registry or found in text) and returns its id. */
export function addSpeaker(registry: Registry, e: RegistryEntry): string {
  const id = speakerId(e.name)
  const existing = registry.byId.get(id)
  const speaker: Speaker = existing ?? { id, name: e.name, aliases: [], roles: [], qid: e.qid ?? null }
  if (!existing) {
    registry.speakers.push(speaker)
    registry.byId.set(id, speaker)
  }
  for (const a of e.aliases ?? []) if (!speaker.aliases.includes(a)) speaker.aliases.push(a)
  for (const r of e.roles ?? []) if (!speaker.roles.includes(r)) speaker.roles.push(r)
  for (const n of [e.name, ...(e.aliases ?? [])]) {
    if (!registry.byName.has(foldName(n))) registry.byName.set(foldName(n), id)
    push(registry.bySurname, foldName(surname(n)), id)
  }
  for (const r of e.roles ?? []) push(registry.byRole, foldName(r.replace(/^(the|a|an)\s+/i, '')), id)
  return id
}
