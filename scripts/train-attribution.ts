/**
 * `npm run train:attribution`: learns which candidate mention names a quotation's speaker.
 *
 * 1. Runs the extractor over PolNeAR train with the cue rules alone, collecting every quote's
 *    candidates and features (scripts/extract/choose.ts).
 * 2. Labels each quote from the gold: the candidate overlapping the annotated source mention, else the
 *    rules' answer when it names the gold speaker, else "none" (also for quotes PolNeAR leaves
 *    unattributed: scare quotes, titles).
 * 3. Fits the conditional logit with its hidden layer (scripts/train/fit.ts), deterministically.
 * 4. Calibrates on PolNeAR dev: the winner's probability → share right (isotonic), and the threshold
 *    that maximises right − 2 × wrong (a wrong name costs twice what an abstention does).
 * Writes scripts/extract/attribution-model.json.
 *
 * Usage: npm run train:attribution [-- --train <dir>] [-- --dev <dir>] [-- --iterations N] [-- --hidden H] [-- --seed S]
 *   [-- --wrong-cost C]
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadPolnear } from './eval/polnear-report'
import type { Features } from './extract/features'
import { type AttributionModel, calibrate } from './extract/ranker'
import { bestThreshold, collect, devOutcomes, isotonic, labels, WRONG_COST } from './train/attribution-data'
import { fitRanker } from './train/fit'
import { formatModel } from './train/model-json'

const MODEL_PATH = 'scripts/extract/attribution-model.json'

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '../shared/polnear/train' },
    dev: { type: 'string', default: '../shared/polnear/dev' },
    iterations: { type: 'string', default: '300' },
    hidden: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    'wrong-cost': { type: 'string', default: String(WRONG_COST) },
  },
  strict: true,
})

function main(): void {
  const started = Date.now()
  const trainSplit = loadPolnear(values.train)
  const data = collect(trainSplit)
  const groups: { features: Features[]; gold: number[] }[] = data.map(({ group, gold }) => ({
    features: group.features,
    gold: labels(group, gold),
  }))
  const iterations = Number(values.iterations)
  const l2 = 1e-3
  const hidden = Number(values.hidden)
  const seed = Number(values.seed)
  // Words (the one before a quote, the one after a candidate) seen in fewer than 10 quotes are left out.
  const minCount = 10
  const fitted = fitRanker(groups, { iterations, l2, hidden, seed, minCount })
  const { weights } = fitted
  const model: AttributionModel = {
    trained: { corpus: 'PolNeAR train (840 articles)', groups: groups.length, iterations, l2, hidden, seed, minCount },
    weights,
    ...(fitted.hidden ? { hidden: fitted.hidden } : {}),
    calibration: [],
    threshold: 0,
  }
  const dev = loadPolnear(values.dev)
  const outcomes = devOutcomes(dev, model)
  model.calibration = isotonic(outcomes)
  model.threshold = bestThreshold(model.calibration, outcomes, (p) => calibrate(model.calibration, p), Number(values['wrong-cost']))
  writeFileSync(MODEL_PATH, formatModel(model))
  const byType = new Map<string, number>()
  for (const g of groups) {
    const type = data[groups.indexOf(g)]?.group.candidates[g.gold[0] as number]?.type ?? '?'
    byType.set(type, (byType.get(type) ?? 0) + 1)
  }
  console.log(
    `${groups.length} quotes, ${Object.keys(weights).length} features; gold candidate types: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}`,
  )
  console.log(
    `calibration on dev: ${model.calibration.map((c) => `${c.p.toFixed(2)}→${c.accuracy.toFixed(2)}`).join(' ')}; threshold ${model.threshold}`,
  )
  console.log(`wrote ${MODEL_PATH} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

main()
