/** Text modules written by scripts/build-index.ts (wrangler's default rule bundles *.txt as Text). */
declare module '*.txt' {
  const text: string
  export default text
}
