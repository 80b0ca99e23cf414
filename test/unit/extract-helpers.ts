/** Shared helpers of the extraction tests (extract.test.ts, extract-styles.test.ts). */
import { type ExtractOptions, extractQuotations } from '../../scripts/extract/extract'
import { findQuotations } from '../../scripts/extract/marks'
import { buildRegistry } from '../../scripts/extract/registry'
import type { Source } from '../../src/types'

export const texts = (body: string) => findQuotations(body).map((s) => body.slice(s.start, s.end))

/** The cue rules alone (attribute.ts, cues.ts): the `rule` candidate the trained ranker weighs (choose.ts). */
export const RULES: ExtractOptions = { model: null }

export function extract(body: string, registry = buildRegistry([]), options: ExtractOptions = {}) {
  const source: Source = {
    id: 't',
    title: 't',
    outlet: null,
    url: null,
    published: '2020-01-02',
    license: null,
    language: 'en',
    body,
    removed: [],
  }
  return extractQuotations(source, registry, options).map((o) => ({
    text: o.text,
    kind: o.kind,
    speaker: registry.speakers.find((s) => s.id === o.speaker)?.name ?? null,
    date: o.date,
  }))
}
