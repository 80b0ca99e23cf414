import { env } from 'cloudflare:test'
import { contractSuite } from '../worker/contract'

contractSuite(
  'D1',
  { SEARCH_BACKEND: 'd1', DB: (env as unknown as { DB: D1Database }).DB },
  {
    'withdrawal of US forces':
      'FTS5\'s porter tokenizer stems a word of two letters ("us" also finds "use", "uses"); the bundle joins word forms from three letters',
  },
)
