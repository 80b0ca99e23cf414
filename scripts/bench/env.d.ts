/** The Worker's bindings type, for scripts that import src/data.ts in Node (the bench); the Worker uses worker-configuration.d.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: the bench Worker has no bindings
interface Env {}
