/**
 * Global setup of the worker-pg project: starts the local PostgreSQL when it is not running
 * (scripts/pg/server.sh: installs Debian's postgresql-15 if missing, as root) and loads the sample corpus into it
 * (`npm run build:pg`), so `npm test` runs the Worker tests against a real server, locally as in CI.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export default function setup(): void {
  execFileSync('bash', ['scripts/pg/server.sh', 'start'], { cwd: ROOT, stdio: 'inherit' })
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pg/build.ts'], { cwd: ROOT, stdio: 'inherit' })
}
