/**
 * `reg export` files for the importer tests: text -> the bytes regedit writes (UTF-16LE with BOM, CRLF), and
 * the fixtures under tests/fixtures/import read back as text so a test can change one line of a real file.
 */

/** Text as `reg export` writes it: BOM FF FE, UTF-16LE, CRLF line ends. */
export function regBytes(text: string): Uint8Array {
  const t = text.replace(/\r?\n/g, "\r\n");
  const out = new Uint8Array(2 + t.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < t.length; i++) {
    out[2 + 2 * i] = t.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = t.charCodeAt(i) >> 8;
  }
  return out;
}

/** Path of a fixture of tests/fixtures/import. */
export function importFixture(name: string): string {
  return new URL(`../fixtures/import/${name}`, import.meta.url).pathname;
}

/** A fixture's text (decoded from UTF-16LE, LF line ends). */
export function importFixtureText(name: string): string {
  const bytes = Deno.readFileSync(importFixture(name));
  return new TextDecoder("utf-16le").decode(bytes.subarray(2)).replace(/\r\n/g, "\n");
}
