/**
 * `npx tsx scripts/eval-attribution-cv.ts [--hidden 8] [--seed 1] [--folds 5]`: k-fold
 * cross-validation of the speaker ranker on PolNeAR train, by article (scripts/eval/attribution-cv.ts says
 * why and what it prints). Fits with the options `npm run train:attribution` uses; 1–3 minutes.
 */
import { parseArgs } from 'node:util'
import { folds, recallAtPrecision, type Scored } from './eval/attribution-cv'
import { loadPolnear } from './eval/polnear-report'
import { choose } from './extract/ranker'
import { collect, labels } from './train/attribution-data'
import { fitRanker } from './train/fit'

function main(): void {
  const { values } = parseArgs({
    options: {
      train: { type: 'string', default: '../shared/polnear/train' },
      hidden: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      folds: { type: 'string', default: '5' },
    },
    strict: true,
  })
  const data = collect(loadPolnear(values.train))
  const groups = data.map(({ group, gold }) => ({ features: group.features, gold: labels(group, gold) }))
  const k = Number(values.folds)
  const fold = folds(
    data.map((d) => d.group.source),
    k,
  )
  const scored: Scored[] = []
  for (let f = 0; f < k; f++) {
    const model = fitRanker(
      groups.filter((_, i) => fold.get(data[i]?.group.source ?? '') !== f),
      { hidden: Number(values.hidden), seed: Number(values.seed), minCount: 10 },
    )
    groups.forEach((g, i) => {
      const d = data[i]
      if (!d || fold.get(d.group.source) !== f || d.gold?.resolvedBy !== 'name' || !d.gold.speaker) return
      const { index, p } = choose(model.weights, g.features, model.hidden)
      scored.push({ p, right: g.gold.includes(index), named: d.group.candidates[index]?.type !== 'none' })
    })
  }
  const pct = (x: number) => (x * 100).toFixed(1)
  const top = scored.filter((s) => s.right).length / scored.length
  const cuts = [0.95, 0.97, 0.98].map((P) => `at ${P * 100}%: ${pct(recallAtPrecision(scored, scored.length, P))}`)
  console.log(`${k}-fold on ${scored.length} named-source quotes: top candidate right ${pct(top)}; named right ${cuts.join(', ')}`)
}

main()
