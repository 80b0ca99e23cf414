/**
 * @module
 * Command-line flags for the scripts, read with node:util `parseArgs` in strict mode: an unknown or misspelt
 * flag (`--corpsu`), a flag without its value or a stray argument is an error that names it, never ignored.
 *
 * @example
 * const flags = parseFlags({ corpus: { type: 'string' }, check: { type: 'boolean' } })
 * flags.corpus // string | undefined
 */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util'

/** A command line the script cannot run with; its message names the offending flag or argument. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The flags `options` declares, typed as parseArgs reads them (string, boolean, or lists with `multiple`). */
export type Flags<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>['values']

/** Reads `--name value` / `--name=value` / `--flag` (after `npm run x --`); throws UsageError on anything else. */
export function parseFlags<const O extends ParseArgsOptionsConfig>(options: O, args: string[] = process.argv.slice(2)): Flags<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values
  } catch (e) {
    // ERR_PARSE_ARGS_UNKNOWN_OPTION, _INVALID_OPTION_VALUE, _UNEXPECTED_POSITIONAL: the first sentence names it.
    if (e instanceof TypeError && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError(e.message.split(/\.(?: |$)/)[0] as string)
    throw e
  }
}

/** A flag's value as a positive number, `fallback` when absent; anything else is a UsageError naming the flag. */
export function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !(n > 0)) throw new UsageError(`--${name} must be a positive number (got "${value}")`)
  return n
}

/** A flag's value as comma-separated positive whole numbers (`--sizes 1000,10000`), `fallback` when absent. */
export function positiveIntegers(value: string | undefined, name: string, fallback: number[]): number[] {
  if (value === undefined) return fallback
  const list = value.split(',').map(Number)
  if (!list.every((n) => Number.isInteger(n) && n > 0))
    throw new UsageError(`--${name} must be positive whole numbers separated by commas (got "${value}")`)
  return list
}

/** Reads the flags with `read`; a UsageError prints `error: …` and the usage, and exits 2 (a misuse, not a failure). */
export function readFlags<T>(usage: string, read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    console.error(`error: ${e.message}\nusage: ${usage}`)
    process.exit(2)
  }
}
