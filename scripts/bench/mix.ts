/**
 * @module
 * The fixed query mix, derived from the generated vocabulary and corpus (so every size gets the same kinds
 * of queries, each with matches).
 */
import { speakerId } from '../../src/text'
import type { Synthetic } from './generate'

export interface MixQuery {
  name: string
  q: string
  speaker?: string
}

export function queryMix(s: Synthetic, firstQuote: string): MixQuery[] {
  const v = s.vocab
  const long = (from: number) => v.slice(from).find((w) => w.length >= 6) as string
  const typo = long(800)
  const i = Math.floor(typo.length / 2)
  const misspelt = typo.slice(0, i) + (typo[i] === 'x' ? 'y' : 'x') + typo.slice(i + 1)
  const words = firstQuote
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .split(' ')
  return [
    { name: 'one word', q: v[40] as string },
    { name: 'two words', q: `${v[15]} ${v[300]}` },
    { name: 'misspelling', q: misspelt },
    { name: 'prefix', q: long(2000).slice(0, 4) },
    { name: 'phrase', q: `"${words.slice(2, 5).join(' ')}"` },
    { name: 'filtered', q: v[40] as string, speaker: speakerId(s.speakers[0] as string) },
  ]
}

export function mixPath(m: MixQuery): string {
  const p = new URLSearchParams({ q: m.q })
  if (m.speaker) p.set('speaker', m.speaker)
  return `/api/search?${p}`
}
