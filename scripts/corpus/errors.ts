/** A corpus problem the build refuses to skip: it names the file, the line and what is wrong. */
export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`)
    this.name = 'CorpusError'
  }
}
