/**
 * verbatim: quotation search served from one Worker, over the corpus the prebuild bundled
 * (`npm run build:index` writes src/generated/). The index is parsed on the first request that needs it.
 */
import { createVerbatim } from './app'
import { lazyCorpus } from './data'
import indexText from './generated/index.txt'
import recordsText from './generated/records.txt'

export default createVerbatim(lazyCorpus(recordsText, indexText))
