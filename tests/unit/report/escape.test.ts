import assert from "node:assert/strict";
import { dotString, escapeHtml, mermaidLabel, nodeId } from "../../../modules/report/mod.ts";

// Names come from other providers' filters on the engine: the report must render them as text.
const hostile = `<script>alert("x")</script> & 'q'`;

Deno.test("escapeHtml: a <script> filter name stays text, in content and in a quoted attribute", () => {
  const out = escapeHtml(hostile);
  assert.equal(out, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
  assert.ok(!/[<>"']/.test(out));
});

Deno.test("escapeHtml: an already-escaped entity is escaped again (the engine's text is shown as written)", () => {
  assert.equal(escapeHtml("&lt;"), "&amp;lt;");
});

Deno.test("dotString: quotes, a trailing backslash and line breaks cannot end the string early", () => {
  assert.equal(dotString('a"b'), '"a\\"b"');
  assert.equal(dotString("ends\\"), '"ends\\\\"');
  assert.equal(dotString("two\r\nlines\n"), '"two\\nlines\\n"');
});

Deno.test("mermaidLabel: quotes and brackets become entity codes; a literal # is not read as one", () => {
  assert.equal(mermaidLabel('<b>"x"</b>'), '"#lt;b#gt;#quot;x#quot;#lt;/b#gt;"');
  assert.equal(mermaidLabel("#quot;"), '"#35;quot;"');
  assert.equal(mermaidLabel("a\nb"), '"a b"');
});

Deno.test("nodeId: any key becomes an identifier of [A-Za-z0-9_], distinct keys stay distinct", () => {
  assert.equal(nodeId("r", "web-01"), "r_web_2d_01");
  assert.equal(nodeId("r", "1 2"), "r_1_20_2");
  assert.notEqual(nodeId("r", "a-b"), nodeId("r", "a_b"));
  assert.notEqual(nodeId("r", "a-b"), nodeId("r", "a_2d_b"));
});
