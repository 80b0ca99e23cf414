/**
 * @module
 * Deterministic synthetic corpora in the Quotebank JSON Lines format: Zipf-distributed words from a
 * large generated vocabulary, real-length sentences, a few thousand speakers (themselves Zipf: some
 * are quoted far more than others), several source URLs per quote.
 */
import type { QuotebankLine } from '../corpus/quotebank'
import { mulberry32 } from '../random'

/** The bench's generator: mulberry32, so every run generates the same corpus. */
export const rng = mulberry32

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'ch',
  'cl',
  'dr',
  'fl',
  'gr',
  'pl',
  'pr',
  'sh',
  'st',
  'th',
  'tr',
  '',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io', 'ee']
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'ng']

function syllable(r: () => number): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)] as T
  return pick(ONSETS) + pick(VOWELS) + pick(CODAS)
}

/** `size` distinct pronounceable words; short words come out more often, as in real text. */
export function vocabulary(size: number, r: () => number): string[] {
  const words = new Set<string>()
  while (words.size < size) {
    const n = 1 + Math.floor(r() * r() * 4)
    let w = ''
    for (let i = 0; i < n; i++) w += syllable(r)
    if (w.length >= 2) words.add(w)
  }
  // Shorter words get the frequent ranks.
  return [...words].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
}

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s. */
export function zipf(n: number, s: number, r: () => number): () => number {
  const cdf = new Float64Array(n)
  let sum = 0
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s
    cdf[i] = sum
  }
  return () => {
    const x = r() * sum
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cdf[mid] as number) < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

export interface Synthetic {
  vocab: string[]
  speakers: string[]
  /** Lines in order; `write` turns them into JSON Lines. */
  lines(): Generator<QuotebankLine>
}

export function synthetic(quotes: number, seed = 42): Synthetic {
  const r = rng(seed)
  const vocab = vocabulary(60_000, r)
  const word = zipf(vocab.length, 1.05, r)
  const names = vocabulary(4_000, rng(seed + 1)).filter((w) => w.length >= 4)
  const speakerCount = Math.min(3_000, Math.max(200, Math.round(quotes / 5)))
  const speakers = Array.from(
    { length: speakerCount },
    (_, i) => `${cap(names[(i * 7) % names.length] as string)} ${cap(names[(i * 13 + 5) % names.length] as string)}`,
  )
  const speaker = zipf(speakers.length, 0.9, r)
  const hosts = Array.from({ length: 200 }, (_, i) => `www.${vocab[500 + i * 3]}news.example`)
  const articles = Math.max(10, Math.round(quotes / 3))
  const start = Date.UTC(2015, 0, 1)
  return {
    vocab,
    speakers,
    *lines() {
      for (let i = 0; i < quotes; i++) {
        // Sentence length: 6..45 words, most around 15-25 (a sum of uniforms).
        const len = 6 + Math.floor((r() + r() + r()) * 13)
        const words = Array.from({ length: len }, () => vocab[word()] as string)
        if (len > 14 && r() < 0.5) words[Math.floor(len / 2)] += ','
        const quotation = `${cap(words.join(' '))}.`
        const nUrls = 1 + Math.floor(r() * r() * 5)
        const urls = [
          ...new Set(
            Array.from({ length: nUrls }, () => {
              const a = Math.floor(r() * articles)
              return `https://${hosts[a % hosts.length]}/${2015 + (a % 6)}/story-${a}`
            }),
          ),
        ]
        const date = new Date(start + Math.floor(r() * 6 * 365) * 86_400_000).toISOString().slice(0, 10)
        const none = r() < 0.15
        const si = speaker()
        const who = speakers[si] as string
        const p = 0.5 + r() * 0.5
        yield {
          quoteID: `${date}-${String(i).padStart(7, '0')}`,
          quotation,
          speaker: none ? 'None' : who,
          qids: none ? [] : [`Q${1000 + si}`],
          date: `${date} 00:00:00`,
          numOccurrences: urls.length,
          probas: none
            ? [['None', p.toFixed(4)]]
            : [
                [who, p.toFixed(4)],
                ['None', (1 - p).toFixed(4)],
              ],
          urls,
        }
      }
    },
  }
}
