/** What test/worker-pg/global-setup.ts provides the worker-pg project. */
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A loopback port that accepts connections and never answers (a hung PostgreSQL). */
    silentPostgresPort: number
  }
}
