/** The smallest Worker: `npm run load` measures wrangler dev's own memory growth per request with it. */
export default {
  fetch(): Response {
    return new Response('ok')
  },
}
