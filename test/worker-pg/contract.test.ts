import { env } from 'cloudflare:test'
import { contractSuite } from '../worker/contract'

contractSuite(
  'PostgreSQL',
  { SEARCH_BACKEND: 'postgres', HYPERDRIVE: (env as unknown as { HYPERDRIVE: { connectionString: string } }).HYPERDRIVE },
  {
    'withdrawal of US forces':
      'the PostgreSQL lexemes stem a word of two letters ("us" also finds "use", "uses"); the bundle joins word forms from three letters',
  },
)
