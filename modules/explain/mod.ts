/**
 * What decides a connection when more than one policy is on the host: `explain.ts` walks one connection
 * through the layers of its IPsec path (sublayers, matching filters by effective weight, arbitration; the
 * condition matching in `match.ts`), and `coexist.ts` finds other providers' IPsec policy on our traffic
 * (used by `plan`, `apply` and `doctor`).
 *
 * @module
 */
export * from "./coexist.ts";
export * from "./explain.ts";
