/** Lets `exports.default.fetch` from cloudflare:workers see the Worker's own default export. */
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/index')
  }
}
