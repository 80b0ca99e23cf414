/**
 * @module
 * Cuts the built MiniSearch index into shards by a word's first letter (the text src/search/shards.ts reads): the
 * serialised index (`toJSON()`) without its words once (every quote, its field lengths), then each shard's words: those
 * that start with its letters, with their postings. Letters are spread over the shards so that each costs about the same to load: MiniSearch's load
 * costs about 2.2 µs per word and 0.2 µs per posting (measured at 10k quotes, Node 22), so a letter weighs
 * 11 × its words + its postings.
 */
import type { AsPlainObject } from 'minisearch'
import { initialOf, SHARDS_FORMAT, type ShardsHeader } from '../src/search/shards'

type Entry = AsPlainObject['index'][number]

const WORD_WEIGHT = 11

function postings(entry: Entry): number {
  let n = 0
  for (const field of Object.values(entry[1])) n += Object.keys(field).length
  return n
}

/** Letters in `count` groups of about equal load cost: heaviest letter first into the lightest group; deterministic. */
export function planShards(weights: Map<string, number>, count: number): string[][] {
  const letters = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const groups = Array.from({ length: Math.max(1, count) }, () => ({ letters: [] as string[], weight: 0 }))
  for (const [letter, weight] of letters) {
    let lightest = groups[0] as (typeof groups)[number]
    for (const g of groups) if (g.weight < lightest.weight) lightest = g
    lightest.letters.push(letter)
    lightest.weight += weight
  }
  return groups.filter((g) => g.letters.length > 0).map((g) => g.letters.sort())
}

/** The index as `count` shards (fewer when fewer letters start its words), one text: a header line, then the shards. */
export function shardIndex(index: AsPlainObject, count: number): string {
  const weights = new Map<string, number>()
  const byLetter = new Map<string, Entry[]>()
  for (const entry of index.index) {
    const letter = initialOf(entry[0])
    weights.set(letter, (weights.get(letter) ?? 0) + WORD_WEIGHT + postings(entry))
    const list = byLetter.get(letter)
    if (list) list.push(entry)
    else byLetter.set(letter, [entry])
  }
  const plan = planShards(weights, count)
  const { index: _words, ...rest } = index
  const common = JSON.stringify(rest)
  const shards = plan.map((letters) => JSON.stringify(letters.flatMap((l) => byLetter.get(l) ?? [])))
  const header: ShardsHeader = {
    format: SHARDS_FORMAT,
    documentCount: index.documentCount,
    common: common.length,
    shards: plan.map((letters, i) => ({ initials: letters.join(''), length: (shards[i] as string).length })),
  }
  return `${JSON.stringify(header)}\n${common}${shards.join('')}`
}

/** The shards as one serialised index of every word (what one `MiniSearch.loadJSON` loads): the bench's yardstick. */
export function unshardIndex(text: string): string {
  const newline = text.indexOf('\n')
  const header = JSON.parse(text.slice(0, newline)) as ShardsHeader
  let at = newline + 1 + header.common
  const whole = { ...(JSON.parse(text.slice(newline + 1, at)) as Omit<AsPlainObject, 'index'>), index: [] as Entry[] }
  for (const { length } of header.shards) {
    // One by one: spreading 100k words into push() overflows the call stack.
    for (const entry of JSON.parse(text.slice(at, at + length)) as Entry[]) whole.index.push(entry)
    at += length
  }
  return JSON.stringify(whole)
}
