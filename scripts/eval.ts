/**
 * Scores the quotation extractor against the gold set in test/gold (format: GOLD.md).
 *
 * Usage: npm run eval [-- --verbose] [-- --json [file]] [-- --gold <dir>] [-- --polnear <split dir>]
 *   --rules-only  attribute with the cue rules alone (no trained model), for before/after figures
 *   --polnear dir score against a PolNeAR split (../shared/polnear/dev or train) instead of the gold set
 *   --verbose     list misses, false positives, wrong speakers, kinds and dates with snippets
 *   --json [file] also write a machine-readable summary (default eval-summary.json)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { type ArticleResult, evaluate, GOLD_DIR, type GoldArticle, loadGold, REGISTRY_PATH, validateAnnotation } from './eval/gold'
import { type ExpectedLink, scoreMerges } from './eval/merges'
import { polnearMain } from './eval/polnear-report'
import { type Counts, type FileScore, prf, type Ratio, rate, totalScore } from './eval/score'
import { extractQuotations } from './extract/extract'
import { buildCorpus, parseRegistry } from './pipeline'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose') || args.includes('-v')
const jsonAt = args.indexOf('--json')
const jsonFile =
  jsonAt < 0 ? null : args[jsonAt + 1] && !args[jsonAt + 1]?.startsWith('--') ? (args[jsonAt + 1] as string) : 'eval-summary.json'
const goldAt = args.indexOf('--gold')
const goldDir = goldAt >= 0 ? (args[goldAt + 1] ?? GOLD_DIR) : GOLD_DIR
const polnearAt = args.indexOf('--polnear')
/** `--rules-only`: the cue rules without the trained attribution model, for before/after figures. */
const options = args.includes('--rules-only') ? { model: null } : {}
const polnearDir = polnearAt >= 0 ? (args[polnearAt + 1] ?? '../shared/polnear/dev') : null

const pct = (x: number | null) => (x === null ? '   –' : (x * 100).toFixed(1).padStart(5))
const ratio = (r: Ratio) => `${pct(rate(r))} (${r.correct}/${r.total})`.padEnd(16)
const snippet = (s: string, n = 90) => {
  const flat = s.replace(/\s*\n+\s*/g, ' ⏎ ')
  return JSON.stringify(flat.length > n ? `${flat.slice(0, n - 1)}…` : flat)
}

function row(name: string, s: Pick<FileScore, 'exact' | 'overlap' | 'speaker' | 'date' | 'confusion'>, gold: number, pred: number): string {
  const e = prf(s.exact)
  const o = prf(s.overlap)
  const c = s.confusion
  return [
    name.padEnd(36),
    String(gold).padStart(4),
    String(pred).padStart(5),
    ` ${pct(e.precision)} ${pct(e.recall)} ${pct(e.f1)}`,
    ` ${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)}`,
    ` ${ratio(s.speaker)}`,
    `${ratio(s.date)}`,
    `${c.quotation.fragment}/${c.fragment.quotation}`.padStart(6),
  ].join(' ')
}

function printDetails(r: ArticleResult): void {
  const s = r.score
  if (s.misses.length + s.falsePositives.length + s.wrongSpeakers.length + s.wrongKinds.length + s.wrongDates.length === 0) return
  console.log(`\n## ${r.id}`)
  for (const g of s.misses) console.log(`  MISS   ${g.start}-${g.end} [${g.kind}] ${g.speaker ?? 'null'}: ${snippet(g.text)}`)
  for (const p of s.falsePositives) console.log(`  FP     ${p.start}-${p.end} [${p.kind}] ${p.speaker ?? 'null'}: ${snippet(p.text)}`)
  for (const { gold, predicted } of s.wrongSpeakers)
    console.log(
      `  SPKR   ${gold.start}-${gold.end} gold ${gold.speaker ?? 'null'} ≠ predicted ${predicted.speaker ?? 'null'}: ${snippet(gold.text, 70)}`,
    )
  for (const { gold, predicted } of s.wrongKinds)
    console.log(`  KIND   ${gold.start}-${gold.end} gold ${gold.kind} ≠ predicted ${predicted.kind}: ${snippet(gold.text, 70)}`)
  for (const { gold, predicted, expected } of s.wrongDates)
    console.log(
      `  DATE   ${gold.start}-${gold.end} expected ${expected ?? 'null'} ≠ predicted ${predicted.date ?? 'null'}: ${snippet(gold.text, 60)}`,
    )
  const inexact = s.exact.tp < s.overlap.tp
  if (inexact) console.log(`  (${s.overlap.tp - s.exact.tp} matched by overlap only, not exact span)`)
}

function summary(c: Counts) {
  return { ...c, ...prf(c) }
}

async function main(): Promise<void> {
  if (polnearDir) return polnearMain(polnearDir, verbose, jsonFile, options)
  const articles = loadGold(goldDir)
  const invalid = articles.flatMap((a) => validateAnnotation(a).map((e) => `${a.id}: ${e}`))
  if (invalid.length > 0) {
    console.error(`invalid gold annotations:\n${invalid.join('\n')}`)
    process.exit(1)
  }
  if (articles.length === 0) {
    console.log(`no gold articles in ${goldDir}/articles`)
    return
  }
  const results = evaluate(articles, undefined, options)
  const total = totalScore(results.map((r) => r.score))
  const gold = results.reduce((n, r) => n + r.gold, 0)
  const pred = results.reduce((n, r) => n + r.predicted, 0)

  console.log(
    [
      'file'.padEnd(36),
      'gold'.padStart(4),
      'pred'.padStart(5),
      '  ex.P  ex.R ex.F1',
      '  ov.P  ov.R ov.F1',
      ' speaker'.padEnd(17),
      'date'.padEnd(16),
      'q→f/f→q',
    ].join(' '),
  )
  for (const r of results) console.log(row(r.id, r.score, r.gold, r.predicted))
  console.log(row(`TOTAL (${results.length} files)`, total, gold, pred))
  const all = rate(total.speakerAll)
  console.log(
    `\nspeaker = accuracy over overlap-matched gold quotations (kind "quotation"); with fragments: ${pct(all)} (${total.speakerAll.correct}/${total.speakerAll.total})`,
  )
  console.log(
    `kind confusion over matched pairs: quotation→quotation ${total.confusion.quotation.quotation}, quotation→fragment ${total.confusion.quotation.fragment}, fragment→fragment ${total.confusion.fragment.fragment}, fragment→quotation ${total.confusion.fragment.quotation}`,
  )
  console.log('date = gold date, else the publication date, over matched pairs')
  console.log(await merges())
  console.log(throughput(articles))

  if (verbose) for (const r of results) printDetails(r)

  if (jsonFile) {
    const out = {
      gold_dir: goldDir,
      files: results.map((r) => ({
        id: r.id,
        outlet: r.outlet,
        style: r.style,
        gold: r.gold,
        predicted: r.predicted,
        exact: summary(r.score.exact),
        overlap: summary(r.score.overlap),
        speaker: { ...r.score.speaker, accuracy: rate(r.score.speaker) },
        speaker_all: { ...r.score.speakerAll, accuracy: rate(r.score.speakerAll) },
        date: { ...r.score.date, accuracy: rate(r.score.date) },
        confusion: r.score.confusion,
        misses: r.score.misses,
        false_positives: r.score.falsePositives.map(({ aliases: _a, ...p }) => p),
        wrong_speakers: r.score.wrongSpeakers.map((w) => ({ gold: w.gold, predicted: w.predicted.speaker })),
        wrong_kinds: r.score.wrongKinds.map((w) => ({ gold: w.gold, predicted: w.predicted.kind })),
        wrong_dates: r.score.wrongDates.map((w) => ({ gold: w.gold, expected: w.expected, predicted: w.predicted.date })),
      })),
      total: {
        files: results.length,
        gold,
        predicted: pred,
        exact: summary(total.exact),
        overlap: summary(total.overlap),
        speaker: { ...total.speaker, accuracy: rate(total.speaker) },
        speaker_all: { ...total.speakerAll, accuracy: rate(total.speakerAll) },
        date: { ...total.date, accuracy: rate(total.date) },
        confusion: total.confusion,
      },
    }
    writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`)
    console.log(`wrote ${jsonFile}`)
  }
}

/** Merge accuracy on the sample corpus: expected links found, and links nobody expected. */
async function merges(): Promise<string> {
  const gold = JSON.parse(readFileSync('test/gold/merges.json', 'utf8')) as { corpus: string; links: ExpectedLink[] }
  const files = readdirSync(gold.corpus)
    .filter((f) => !f.startsWith('.'))
    .map((f) => ({ path: `${gold.corpus}/${f}`, bytes: readFileSync(`${gold.corpus}/${f}`) }))
  const { records } = await buildCorpus(files)
  const s = scoreMerges(records, gold.links)
  const lines = [`merges (${gold.corpus}/): ${s.found}/${s.expected} expected links found, ${s.unexpected.length} unexpected`]
  for (const m of s.missing) lines.push(`  MISSING ${m.relation}: ${m.a} → ${m.b ?? m.sources?.join(', ')}`)
  for (const u of s.unexpected) lines.push(`  UNEXPECTED ${u.relation}: ${u.a} → ${u.b}`)
  return lines.join('\n')
}

/** Extraction speed on the gold articles, in CPU time (so a busy machine does not make it look slower). */
function throughput(articles: GoldArticle[]): string {
  const registry = parseRegistry({ path: REGISTRY_PATH, bytes: readFileSync(REGISTRY_PATH) })
  const chars = articles.reduce((n, a) => n + a.source.body.length, 0) / articles.length
  // Warm up first: a build of a real corpus runs the same regular expressions thousands of times, so the
  // first pass's compilation is not its speed. Then two seconds of CPU time.
  for (let k = 0; k < 3; k++) for (const a of articles) extractQuotations(a.source, registry)
  const started = process.cpuUsage()
  let n = 0
  let cpu = 0
  while (cpu < 2_000_000) {
    for (const a of articles) extractQuotations(a.source, registry)
    n += articles.length
    const used = process.cpuUsage(started)
    cpu = used.user + used.system
  }
  return `extraction: ${Math.round(n / (cpu / 1e6))} articles/s on one core (CPU time; ${Math.round(chars)} characters per article on average)`
}

main()
