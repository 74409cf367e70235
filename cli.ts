/** wfpsec command-line entry point (placeholder until the CLI lands). */
if (import.meta.main) {
  console.log("wfpsec: not yet implemented");
}
