/**
 * The inverse of validation: a `Policy` model back to a policy document (plain JSON-able object in the
 * file format), and a document to YAML text. Defaults are omitted so exported files stay short.
 */
import { stringify } from "yaml";
import { type AddrSpec, formatAddr } from "../model/mod.ts";
import { formatMm, formatQm } from "../model/mod.ts";
import type { AuthMethod, AuthorizationSpec, Policy, PortRange, RootCa, SecretRef } from "../model/mod.ts";

/** A policy document as written in a file (the JSON Schema describes it). */
export type PolicyDocument = { version: 1; name: string } & Record<string, unknown>;

/** A side's addresses and keywords (the keywords first, as written in NetSecurity's lists). */
const addrs = (l: AddrSpec[], keywords: readonly string[] = []): string | string[] | undefined => {
  const all = [...keywords, ...l.map(formatAddr)];
  return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
};
const ports = (l: PortRange[]): number | string | (number | string)[] | undefined => {
  const one = (p: PortRange) => (p.low === p.high ? p.low : `${p.low}-${p.high}`);
  return l.length === 0 ? undefined : l.length === 1 ? one(l[0]) : l.map(one);
};
/** Policy names of IP protocol numbers. */
export const PROTO_NAMES: Record<number, string> = {
  1: "icmp",
  6: "tcp",
  17: "udp",
  47: "gre",
  50: "esp",
  51: "ah",
  58: "icmpv6",
};

/** A secret reference as the file writes it (its `source` position is the loader's, not the document's). */
/** An authorization field as written: SDDL, or the list of names and SIDs. */
const authzDoc = (a: AuthorizationSpec | undefined): string | string[] | undefined =>
  a === undefined || typeof a === "string" ? a : a.map((x) => x.name);
const refDoc = (r: SecretRef): { env: string } | { file: string } =>
  r.env !== undefined ? { env: r.env } : { file: r.file! };

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function auth(a: AuthMethod): unknown {
  switch (a.kind) {
    case "kerberos":
      return a.proxyServer !== undefined ? { kerberos: { proxyServer: a.proxyServer } } : "kerberos";
    case "ntlmv2":
    case "anonymous":
      return a.kind;
    case "psk":
      return { psk: refDoc(a.ref) };
    case "certificate":
      return {
        certificate: clean({
          rootCA: a.rootCA.length === 0
            ? undefined
            : a.rootCA.length === 1
            ? rootCaDoc(a.rootCA[0])
            : a.rootCA.map(rootCaDoc),
          eku: a.eku.length ? a.eku : undefined,
          name: a.name ? { ...a.name } : undefined,
          thumbprint: a.thumbprint,
          store: a.store === "explicit" ? undefined : a.store,
          signing: a.signing === "rsa" ? undefined : a.signing,
        }),
      };
  }
}

/** Policy model -> document object. */
export function policyToDocument(p: Policy): PolicyDocument {
  const doc: PolicyDocument = { version: 1, name: p.name };
  if (p.description !== undefined) doc.description = p.description;
  if (p.allowWeakCrypto) doc.allowWeakCrypto = true;
  if (p.mainMode.length) {
    doc.mainMode = p.mainMode.map((m) =>
      clean({
        name: m.name,
        description: m.description,
        keyModule: m.keyModule,
        auth: m.auth.map(auth),
        proposals: m.proposals.map(formatMm),
        lifetime: m.lifetimeSeconds === 28800 ? undefined : m.lifetimeSeconds,
        softExpiration: m.softExpirationSeconds || undefined,
        quickModeLimit: m.quickModeLimit || undefined,
        retransmit: m.retransmitSeconds || undefined,
        flags: m.flags.length ? [...m.flags] : undefined,
      })
    );
  }
  if (p.quickMode.length) {
    doc.quickMode = p.quickMode.map((q) =>
      clean({
        name: q.name,
        description: q.description,
        mode: q.mode === "transport" ? undefined : q.mode,
        proposals: q.proposals.map(formatQm),
        pfs: q.pfs === "none" ? undefined : q.pfs,
        lifetime: q.lifetimeSeconds === 3600 && q.lifetimeKilobytes === 100000
          ? undefined
          : { seconds: q.lifetimeSeconds, kilobytes: q.lifetimeKilobytes },
        idleTimeout: q.idleSeconds === 300 && q.idleFailoverSeconds === 60
          ? undefined
          : { seconds: q.idleSeconds, failover: q.idleFailoverSeconds },
        natTraversal: q.natTraversal === "none" ? undefined : q.natTraversal,
        ndAllowClearTimeout: q.ndAllowClearTimeout === 10 ? undefined : q.ndAllowClearTimeout,
        userAuth: q.userAuth.length ? q.userAuth.map(auth) : undefined,
        userImpersonation: q.userImpersonation === (q.userAuth.length ? "socket-principal" : "none")
          ? undefined
          : q.userImpersonation,
      })
    );
  }
  if (p.rules.length) {
    doc.rules = p.rules.map((r) =>
      clean({
        name: r.name,
        description: r.description,
        local: addrs(r.local, r.localKeywords),
        remote: addrs(r.remote, r.remoteKeywords),
        family: r.familyExplicit ? (r.families[0] === 4 ? "ipv4" : "ipv6") : undefined,
        protocol: r.protocol === undefined ? undefined : PROTO_NAMES[r.protocol] ?? r.protocol,
        localPorts: ports(r.localPorts),
        remotePorts: ports(r.remotePorts),
        direction: r.direction === "both" ? undefined : r.direction,
        inbound: r.inbound,
        outbound: r.outbound,
        mainMode: r.mainMode.length === 1 ? r.mainMode[0] : [...r.mainMode],
        quickMode: r.quickMode,
        requireEncryption: r.requireEncryption || undefined,
        authorization: r.authorization
          ? clean({ machines: authzDoc(r.authorization.machines), users: authzDoc(r.authorization.users) })
          : undefined,
        program: r.program,
        priority: r.priority || undefined,
      })
    );
  }
  if (p.exemptions.length) {
    doc.exemptions = p.exemptions.map((e) =>
      e.kind !== "custom" ? e.kind : clean({
        name: e.name,
        local: addrs(e.local, e.localKeywords),
        remote: addrs(e.remote, e.remoteKeywords),
        protocol: e.protocol === undefined ? undefined : PROTO_NAMES[e.protocol] ?? e.protocol,
        localPorts: ports(e.localPorts),
        remotePorts: ports(e.remotePorts),
      })
    );
  }
  if (p.tunnels.length) {
    doc.tunnels = p.tunnels.map((t) =>
      clean({
        name: t.name,
        description: t.description,
        mainMode: t.mainMode,
        quickMode: t.quickMode,
        localEndpoint: formatAddr(t.localEndpoint),
        remoteEndpoint: formatAddr(t.remoteEndpoint),
        local: addrs(t.local, t.localKeywords),
        remote: addrs(t.remote, t.remoteKeywords),
        pointToPoint: t.pointToPoint || undefined,
      })
    );
  }
  if (p.manualSas.length) {
    doc.manualSas = p.manualSas.map((s) => ({
      name: s.name,
      local: formatAddr(s.local),
      remote: formatAddr(s.remote),
      inbound: { spi: s.inbound.spi, transform: formatQm(s.inbound.transform), key: refDoc(s.inbound.key) },
      outbound: {
        spi: s.outbound.spi,
        transform: formatQm(s.outbound.transform),
        key: refDoc(s.outbound.key),
      },
    }));
  }
  return doc;
}

/**
 * A document as YAML text, with an optional header comment (each line prefixed with '# '). Text (e.g. from
 * `newPolicyDocument`) is returned unchanged.
 */
export function documentToYaml(
  doc: PolicyDocument | Record<string, unknown> | string,
  header?: string,
): string {
  if (typeof doc === "string") return doc;
  // No anchors/aliases: a shared object written twice stays two independent entries in the file.
  const body = stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  const head = header ? header.split("\n").map((l) => (l ? `# ${l}` : "#")).join("\n") + "\n" : "";
  return head + body;
}

/** A root CA as the policy writes it: the DN string, or `{ file }` (the subject bytes are re-read on load). */
function rootCaDoc(r: RootCa): string | { file: string } {
  return typeof r === "string" ? r : { file: r.file };
}
