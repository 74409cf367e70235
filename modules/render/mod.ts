/**
 * Output: WFP objects and plans as JSON and text in the policy's vocabulary (`render.ts`), filter
 * conditions as text (`conditionText.ts`), `show`'s layer/provider selection (`showSelect.ts`) and
 * "did you mean" suggestions (`suggest.ts`).
 *
 * @module
 */
export * from "./render.ts";
export * from "./conditionText.ts";
export * from "./showSelect.ts";
export * from "./suggest.ts";
export * from "./accounts.ts";
