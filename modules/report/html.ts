/**
 * The report as one self-contained HTML page (`wfpsec report --html`): inline CSS, inline SVG, one inline
 * script, no URL of any kind, so it reads the same on an offline jump host. A Content-Security-Policy that
 * allows nothing from outside, and only the page's own script by its hash, backs that up: even a string that
 * escaped escaping could not load or run anything. Every string from the engine or the policy is escaped
 * (escape.ts): other providers' names and descriptions are untrusted.
 */
import { sha256Hex } from "../graph/mod.ts";
import type { Governor, LadderLayer, ReportData, ReportPlan } from "./data.ts";
import { escapeHtml as esc } from "./escape.ts";

/** The ids of the page's sections, in order (the browser test checks each is present). */
export const HTML_SECTIONS = ["policy", "protection", "ladder", "plan", "sas", "failures"] as const;

const CSS = `
:root{--ours:#1f6f43;--ours-bg:#e3f4ea;--foreign:#8a3b00;--foreign-bg:#fde9d9;--exempt:#3d4f8a;
--exempt-bg:#e4e9fb;--none:#555;--none-bg:#eee;--line:#d0d4da;--head:#f3f5f8}
*{box-sizing:border-box}body{font:14px/1.45 "Segoe UI",system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
header{background:#102a43;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:2px 0;opacity:.9}.banner{background:#b42318;color:#fff;padding:6px 24px;font-weight:600}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 24px;z-index:2}
nav a{margin-right:16px;color:#0b5cad;text-decoration:none}nav input{float:right;padding:3px 6px;width:260px}
main{padding:0 24px 32px}section{margin-top:24px}h2{font-size:18px;border-bottom:2px solid #102a43;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}h4{font-size:14px;margin:12px 0 4px}.layer{border-top:1px solid var(--line)}table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}th{background:var(--head)}
td.mono,span.mono{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600}
.require{background:var(--ours-bg);color:var(--ours)}.request{background:#fff4ce;color:#7a5b00}
.clear{background:var(--none-bg);color:var(--none)}.exempt{background:var(--exempt-bg);color:var(--exempt)}
.tunnel,.manual,.manualSa{background:#efe3fb;color:#5b2a86}.ours{background:var(--ours-bg);color:var(--ours)}
.foreign{background:var(--foreign-bg);color:var(--foreign)}.none{background:var(--none-bg);color:var(--none)}
.add{color:#1f6f43;font-weight:600}.delete{color:#b42318;font-weight:600}.replace{color:#7a5b00;font-weight:600}
.empty{color:#666;font-style:italic}.warn{border-left:4px solid #b42318;background:#fff5f5;padding:6px 10px}
details{border:1px solid var(--line);border-radius:4px;margin:8px 0;padding:4px 10px}summary{cursor:pointer;font-weight:600}
.diff td.before{background:#fff0f0}.diff td.after{background:#eefbf1}svg text{font:12px sans-serif}
tr.hidden{display:none}footer{color:#666;font-size:12px;padding:12px 24px;border-top:1px solid var(--line)}
`;

/** The page's only script: row filtering, expand/collapse, and a record of script errors for the tests. */
const SCRIPT = `(function(){
var errs=[];window.addEventListener("error",function(e){errs.push(String(e.message));
document.documentElement.setAttribute("data-errors",errs.join(" | "));});
var q=document.getElementById("filter");
if(q){q.addEventListener("input",function(){var t=q.value.toLowerCase();
var rows=document.querySelectorAll("main tbody tr");for(var i=0;i<rows.length;i++){var r=rows[i];
r.classList.toggle("hidden",t!==""&&r.textContent.toLowerCase().indexOf(t)<0);}});}
var b=document.getElementById("toggle");
if(b){b.addEventListener("click",function(){var d=document.querySelectorAll("details");var open=false;
for(var i=0;i<d.length;i++){if(!d[i].open){open=true;}}for(var j=0;j<d.length;j++){d[j].open=open;}});}
document.documentElement.setAttribute("data-ready","1");})();`;

/** The script's CSP hash source (`'sha256-<base64>'`). */
function scriptHash(): string {
  const hex = sha256Hex(SCRIPT);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return `'sha256-${btoa(String.fromCharCode(...bytes))}'`;
}

const row = (cells: string[], cls = "") => `<tr${cls ? ` class="${cls}"` : ""}>${cells.join("")}</tr>`;
const td = (html: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${html}</td>`;
const th = (text: string) => `<th>${esc(text)}</th>`;
const badge = (word: string, cls = word) => `<span class="badge ${esc(cls)}">${esc(word)}</span>`;
const lines = (xs: string[]) => xs.map(esc).join("<br>");
const table = (head: string[], rows: string[], cls = "") =>
  `<table${cls ? ` class="${cls}"` : ""}><thead>${row(head.map(th))}</thead><tbody>${
    rows.join("\n")
  }</tbody></table>`;
const empty = (text: string) => `<p class="empty">${esc(text)}</p>`;

function matrixSection(d: ReportData): string {
  const p = d.policy;
  const intro = !p
    ? empty("No policy: wfpsec has nothing in force here and no POLICY file was given.")
    : `<p>Policy <b>${esc(p.name)}</b> ${
      p.source === "file"
        ? `from ${esc(p.file ?? "")} (what if it were applied)`
        : "as in force (decoded from wfpsec's objects)"
    }.</p>`;
  const security = (s: string) => (s === "-" ? "-" : badge(s));
  const rows = d.matrix.map((r) =>
    row([
      td(
        `${badge(r.kind, r.kind === "rule" ? "ours" : r.kind)} <b>${esc(r.name)}</b>${
          r.description ? `<br><small>${esc(r.description)}</small>` : ""
        }`,
      ),
      td(lines(r.remote), "mono"),
      td(lines(r.local), "mono"),
      td(esc(r.traffic) + (r.direction !== "both" ? `<br>${esc(r.direction)} only` : "")),
      td(security(r.inbound)),
      td(
        security(r.outbound) + (r.requireEncryption ? `<br>${badge("encryption required", "require")}` : ""),
      ),
      td(lines(r.auth)),
      td(lines(r.mainModeCrypto), "mono"),
      td(esc(r.quickModeCrypto ?? "-"), "mono"),
    ])
  );
  const head = [
    "Item",
    "Remote",
    "Local",
    "Traffic",
    "Inbound",
    "Outbound",
    "Authentication",
    "Main mode",
    "Quick mode",
  ];
  return `<section id="policy"><h2>Policy</h2>${intro}${
    d.matrix.length ? table(head, rows) : p ? empty("The policy has no rules, exemptions or tunnels.") : ""
  }</section>`;
}

function governorCell(g: Governor): string {
  const who = g.kind === "none"
    ? "no IPsec policy"
    : `${esc(g.item ?? "")}${g.provider ? ` <small>(${esc(g.provider)})</small>` : ""}`;
  const modes = [g.mainMode ? `MM ${g.mainMode}` : "", g.quickMode ? `QM ${g.quickMode}` : ""].filter(
    Boolean,
  );
  const contested = g.contested.length
    ? `<br>${badge("contested", "foreign")} also: ${esc(g.contested.join(", "))}`
    : "";
  const maybe = g.conditional ? ` ${badge("depends", "request")}` : "";
  return `<span title="${esc(g.outcome)}">${badge(g.kind)} ${who}</span>${maybe}${
    modes.length ? `<br><small>${lines(modes)}</small>` : ""
  }${contested}`;
}

function protectionSection(d: ReportData): string {
  const rows = d.protection.map((p) =>
    row([
      td(`${esc(p.scope)}<br><small>sample ${esc(p.sample)}</small>`, "mono"),
      td(lines(p.from)),
      td(governorCell(p.outbound)),
      td(governorCell(p.inbound)),
    ])
  );
  const coexist = d.coexistence.length
    ? `<div class="warn"><b>${d.coexistence.length} filter(s) of other IPsec policy overlap this policy's traffic.</b> ` +
      "Only one IPsec policy applies to a packet; sublayer and filter weights decide which.</div>" +
      table(
        ["Provider", "Layer", "Filter", "Kind", "Traffic", "Overlaps"],
        d.coexistence.map((e) =>
          row([
            td(esc(e.providerName ?? e.providerKey ?? "(no provider)")),
            td(esc(e.layer), "mono"),
            td(esc(e.filterName)),
            td(esc(e.kind)),
            td(esc(e.traffic), "mono"),
            td(lines(e.overlaps.map((o) => `${o.filterName} (${o.traffic})`))),
          ])
        ),
      )
    : "";
  return `<section id="protection"><h2>Protection map</h2>
<p>Each remote scope named by the policy or by other providers' IPsec policy, and what governs traffic to and
from it by WFP's filter arbitration (explained for the scope's first host; hover for the full outcome).
<span class="badge request">depends</span>: the outcome also depends on conditions a scope does not give
(protocol, ports, program); <span class="badge foreign">contested</span>: other IPsec policy matches too.</p>
${
    d.protection.length
      ? table(["Remote scope", "Named by", "Outbound", "Inbound"], rows)
      : empty("No remote scope is named by any IPsec policy.")
  }
${coexist}</section>`;
}

/** The sublayers of one layer as bars: length by weight (0-65535), ours in green. */
function ladderSvg(l: LadderLayer): string {
  const h = 22, w = 900, label = 330;
  const bars = l.sublayers.map((s, i) => {
    const len = Math.max(2, Math.round(((w - label - 80) * s.weight) / 65535));
    const y = i * h + 4;
    const fill = s.ours ? "#2e8b57" : "#d9822b";
    return `<text x="0" y="${y + 14}">${esc(truncate(s.name, 44))}</text>` +
      `<rect x="${label}" y="${y + 3}" width="${len}" height="${h - 8}" fill="${fill}"><title>${
        esc(`${s.name}: weight ${s.weight}`)
      }</title></rect><text x="${label + len + 6}" y="${y + 14}">${s.weight}</text>`;
  });
  return `<svg role="img" aria-label="${esc(`sublayers of ${l.layer} by weight`)}" width="${w}" height="${
    l.sublayers.length * h + 8
  }" viewBox="0 0 ${w} ${l.sublayers.length * h + 8}">${bars.join("")}</svg>`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function ladderSection(d: ReportData): string {
  const layers = d.ladder.map((l) => {
    const subs = l.sublayers.map((s, i) => {
      const counts = s.byProvider.map((c) => `${c.provider}: ${c.count}`);
      const filters = s.filters.map((f) =>
        row([
          td(esc(f.weight), "mono"),
          td(
            `${f.item ? badge("ours") + " " : ""}${esc(f.name)}${
              f.item ? `<br><small>${esc(f.item)}</small>` : ""
            }`,
          ),
          td(esc(f.action), "mono"),
          td(esc(f.conditions), "mono"),
        ])
      );
      const more = s.filterCount - s.filters.length;
      return `<h4>${i + 1}. ${s.ours ? badge("ours") : badge("other", "foreign")} ${
        esc(s.name)
      } <small>weight ${s.weight}${
        s.provider ? `, provider ${esc(s.provider)}` : ""
      }, ${s.filterCount} filter(s): ${esc(counts.join(", "))}</small></h4>${
        table(["Effective weight", "Filter", "Action", "Conditions"], filters)
      }${more > 0 ? empty(`... ${more} more filter(s) of other providers in this sublayer`) : ""}`;
    });
    const ours = l.sublayers.filter((s) => s.ours).reduce((n, s) => n + s.filterCount, 0);
    const all = l.sublayers.reduce((n, s) => n + s.filterCount, 0);
    return `<div class="layer"><h3>${esc(l.layer)}</h3>${
      ladderSvg(l)
    }<details><summary>${l.sublayers.length} ` +
      `sublayer(s), ${all} filter(s), ${ours} of them wfpsec's</summary>${subs.join("\n")}</details></div>`;
  });
  return `<section id="ladder"><h2>Arbitration ladder</h2>
<p>Per IPsec layer: sublayers from the highest weight (evaluated first) down; inside each, filters by effective
weight (<span class="mono">~</span> marks a weight computed as BFE would assign it, not reported by the engine).</p>
${layers.length ? layers.join("\n") : empty("No filters at any IPsec layer.")}</section>`;
}

function planSection(plan: ReportPlan | null): string {
  if (!plan) {
    return `<section id="plan"><h2>Plan</h2>${
      empty("No POLICY file given: no plan (the report shows what is in force).")
    }</section>`;
  }
  const s = plan.summary;
  const head =
    `<p>${s.add} to add, ${s.replace} to replace, ${s.delete} to delete, ${s.unchanged} unchanged.</p>`;
  if (plan.inSync) {
    return `<section id="plan"><h2>Plan</h2>${head}${empty("In sync: nothing to change.")}</section>`;
  }
  const groups = plan.groups.map((g) => {
    const rows = g.changes.map((c) => {
      const before = c.action === "add"
        ? "(not in the engine)"
        : c.fields.length
        ? lines(c.fields.map((f) => f.before ? `${f.field}: ${f.before}` : f.field))
        : c.action === "delete"
        ? "in the engine"
        : esc(c.reason);
      const after = c.action === "delete"
        ? "(removed)"
        : c.fields.length
        ? lines(c.fields.map((f) => f.after ? `${f.field}: ${f.after}` : f.field))
        : c.action === "add"
        ? "as the policy says"
        : esc(c.reason);
      return row([
        td(`<span class="${esc(c.action)}">${esc(c.action)}</span>`),
        td(`${esc(c.kind)}${c.layer ? `<br><small class="mono">${esc(c.layer)}</small>` : ""}`),
        td(esc(c.name)),
        td(before, "before mono"),
        td(after, "after mono"),
      ]);
    });
    return `<h3>${esc(g.title)}</h3>${table(["Action", "Kind", "Object", "Before", "After"], rows, "diff")}`;
  });
  return `<section id="plan"><h2>Plan</h2>${head}${groups.join("\n")}</section>`;
}

function sasSection(d: ReportData): string {
  if (!d.sas) {
    return `<section id="sas"><h2>Security associations</h2>${
      empty(`${d.engine.description} has no SA enumeration.`)
    }</section>`;
  }
  const { ike, ipsec, contexts } = d.sas;
  const body = (ike.length || ipsec.length
    ? table(
      ["Main mode", "Local", "Remote", "Crypto"],
      ike.map((s) =>
        row([
          td(esc(s.keyModule)),
          td(esc(s.local), "mono"),
          td(esc(s.remote), "mono"),
          td(esc(s.crypto), "mono"),
        ])
      ),
    ) +
      table(
        ["IPsec SA", "Local", "Remote", "SPIs", "Transforms"],
        ipsec.map((s) =>
          row([
            td(esc(s.direction)),
            td(esc(s.local), "mono"),
            td(esc(s.remote), "mono"),
            td(esc(s.spis), "mono"),
            td(esc(s.transforms), "mono"),
          ])
        ),
      )
    : empty("No SAs in force.")) + `<p>${contexts} manual SA context(s). Key material is never shown.</p>`;
  return `<section id="sas"><h2>Security associations</h2>${body}</section>`;
}

function failuresSection(d: ReportData): string {
  const f = d.failures;
  const body = f === null ? empty(`${d.engine.description} records no net events.`) : f.length
    ? table(
      ["Time", "Kind", "Local", "Remote", "Failure", "Rule", "Likely cause"],
      f.map((x) =>
        row([
          td(esc(x.time), "mono"),
          td(esc(x.kind)),
          td(esc(x.local), "mono"),
          td(esc(x.remote), "mono"),
          td(esc(x.failure), "mono"),
          td(esc(x.rule)),
          td(esc(x.cause ?? "-")),
        ])
      ),
    )
    : empty("No IKE failures or IPsec drops recorded.");
  return `<section id="failures"><h2>IKE failures and IPsec drops</h2>${body}</section>`;
}

/** The whole page. `version` is wfpsec's, named in the footer. */
export function reportHtml(d: ReportData, version: string): string {
  const title = d.policy ? `wfpsec report: ${d.policy.name}` : "wfpsec report";
  const banner = d.engine.simulated
    ? `<div class="banner">${d.engine.kind === "snapshot" ? "OFFLINE SNAPSHOT" : "SIMULATOR"}: ${
      esc(d.engine.description)
    } - not a live Windows engine.</div>`
    : "";
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptHash()}; ` +
    "base-uri 'none'; form-action 'none'";
  const nav = HTML_SECTIONS.map((s) =>
    `<a href="#${s}">${s === "sas" ? "SAs" : s[0].toUpperCase() + s.slice(1)}</a>`
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wfpsec ${esc(version)}">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p>${esc(d.engine.description)}</p><p>Generated ${esc(d.generated)}</p></header>
${banner}
<nav>${
    nav.join("")
  }<button id="toggle" type="button">expand/collapse</button> <input id="filter" type="search" placeholder="filter rows" aria-label="filter rows"></nav>
<main>
${matrixSection(d)}
${protectionSection(d)}
${ladderSection(d)}
${planSection(d.plan)}
${sasSection(d)}
${failuresSection(d)}
</main>
<footer>wfpsec ${
    esc(version)
  }. Self-contained: this page loads nothing from any network. Pre-shared keys and SA keys are never included.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
