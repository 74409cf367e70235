/**
 * compilePolicy: validated Policy -> ObjectGraph, following Microsoft's documented recipe per scenario
 * (docs/recipes.md):
 * - main mode: one provider context per main-mode policy (IKE/AuthIP/IKEv2 MM type) + IKEEXT_Vx filters;
 * - quick mode: one transport context per (policy, key module, ND variant) + IPSEC_Vx filters;
 *   ND variant from the rule's security: require/request -> ND_SECURE, request/* -> ND_BOUNDARY, else 0;
 * - OUT/IN transport callout filters with the rawContext of the recipe, ALE accept INITIATE_SECURE for
 *   negotiation discovery, ALE connect+accept with REQUIRE_IPSEC_ENCRYPTION for guaranteed encryption,
 *   identity authorization as an SD-conditioned callout filter plus a catch-all BLOCK;
 * - exemptions as PERMIT filters weighted FWP_UINT8 0xC at every layer holding callout filters;
 * - tunnels as `graph.tunnels` (FwpmIPsecTunnelAdd3 builds their filters), manual SAs as `graph.manualSas`.
 * Every key is name-based (keys.ts); every object is persistent; wfpsec metadata JSON goes in providerData.
 * The graph is immutable data: filters of one rule share condition lists, actions and weights, so a
 * consumer that wants to change a graph object copies it first (frozen where it is a global constant).
 */
import { CALLOUTS, CONDITIONS, ENUMS, FILTER_CONTEXTS, FLAGS, LAYERS, WEIGHTS } from "../../ffi/constants.ts";
import { sddlToSecurityDescriptor } from "../../ffi/sddl.ts";
import type {
  Filter,
  FilterAction,
  FilterCondition,
  FwpValue,
  IkeextEmPolicy2,
  IkeextPolicy2,
  IpsecProposal0,
  IpsecTrafficSelector0,
  ManualSa,
  ObjectGraph,
  ProviderContext,
  SecretRef as GraphSecretRef,
  Tunnel,
} from "../graph/mod.ts";
import { type AddrSpec, formatAddr, KeywordResolutionError, v6Bytes } from "../model/mod.ts";
import { formatQm, MM_CIPHERS, MM_DH, MM_INTEGRITY, PFS_GROUPS } from "../model/mod.ts";
import type {
  AuthorizationSpec,
  KeyModule,
  MainModePolicy,
  Policy,
  QuickModePolicy,
  Rule,
} from "../model/mod.ts";
import {
  objectKey,
  utf8,
  WFPSEC_PROVIDER_KEY,
  WFPSEC_PROVIDER_SERVICE,
  WFPSEC_SUBLAYER_KEY,
} from "./keys.ts";
import { fitAuthMethod, retransmitFor } from "./authFit.ts";
import { keywordUses } from "./hostAddresses.ts";
import {
  KEY_MODULE_TYPES,
  MM_CONTEXT_TYPES,
  MM_FLAG_BITS,
  mmArm,
  type NdVariant,
  qmTransportArm,
  qmTunnelArm,
} from "./keyModule.ts";
import { ndVariant, precedenceWeight, transportSecurity, type WeightLayer } from "../model/mod.ts";
import {
  addrConds,
  EMPTY_WEIGHT,
  PERMIT,
  selConds,
  type Selector,
  u64,
  u8,
  unicast,
} from "./filterCondition.ts";
import { authMethod } from "./authMethod.ts";
import { saTransforms } from "./saTransform.ts";
import { ikeExemptionConditions } from "./ikeExemptions.ts";
import { aleClaims } from "./precedenceClaims.ts";

const T = ENUMS.FWP_DATA_TYPE;
const M = ENUMS.FWP_MATCH_TYPE;
const A = ENUMS.FWP_ACTION_TYPE;
const FF = FLAGS.FWPM_FILTER_FLAG;
const PF = FLAGS.IPSEC_POLICY_FLAG;
const FC = FILTER_CONTEXTS;
const IPV = ENUMS.FWP_IP_VERSION;

/** The metadata JSON wfpsec writes into providerData. Never holds a secret value. */
export interface WfpsecMeta {
  /** Metadata format version. */
  wfpsec: 1;
  /** Name of the policy the object was compiled from. */
  policy: string;
  /** The object's path in the policy; its GUID is derived from the policy name and this path. */
  path: string;
  /** The policy's description (on the provider). */
  description?: string;
  /** Present (true) when the policy allows weak crypto (on the provider). */
  allowWeakCrypto?: boolean;
  /** Secret references by auth-method index (MM/EM) or SA direction. */
  secrets?: Record<string, GraphSecretRef>;
  /** Authorization lists as resolved at plan/apply (plan/accounts.ts): the names and their SIDs. */
  accounts?: Partial<Record<"machines" | "users", { name: string; sid: string }[]>>;
  /** A manual SA's parameters (on its filters, since SAs have no providerData); keys by reference. */
  manualSa?: {
    inbound: { spi: number; transform: string; key: GraphSecretRef };
    outbound: { spi: number; transform: string; key: GraphSecretRef };
  };
}

/** A secret reference as the engine's metadata keeps it: env or file, not where the policy file writes it. */
const storedRef = (
  r: GraphSecretRef,
): GraphSecretRef => (r.env !== undefined ? { env: r.env } : { file: r.file });

/**
 * providerData blobs are views into shared 64 KiB slabs: one ArrayBuffer per blob made V8's buffer
 * bookkeeping grow faster than linearly on 100k-rule policies. Views are never written after creation.
 */
class Slab {
  private buf = new Uint8Array(0);
  private used = 0;
  bytes(s: string): Uint8Array {
    const data = utf8(s);
    if (this.used + data.length > this.buf.length) {
      this.buf = new Uint8Array(Math.max(65536, data.length));
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + data.length);
    view.set(data);
    this.used += data.length;
    return view;
  }
}

/** Layer/callout pairs per family. */
const L = {
  ikeext: { 4: LAYERS.FWPM_LAYER_IKEEXT_V4, 6: LAYERS.FWPM_LAYER_IKEEXT_V6 },
  ipsec: { 4: LAYERS.FWPM_LAYER_IPSEC_V4, 6: LAYERS.FWPM_LAYER_IPSEC_V6 },
  out: { 4: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V4, 6: LAYERS.FWPM_LAYER_OUTBOUND_TRANSPORT_V6 },
  in: { 4: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4, 6: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V6 },
  accept: { 4: LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V4, 6: LAYERS.FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V6 },
  connect: { 4: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V4, 6: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6 },
} as const;
const C = {
  out: {
    4: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V4,
    6: CALLOUTS.FWPM_CALLOUT_IPSEC_OUTBOUND_TRANSPORT_V6,
  },
  in: {
    4: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4,
    6: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V6,
  },
  accept: {
    4: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V4,
    6: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_INITIATE_SECURE_V6,
  },
  connect: { 4: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V4, 6: CALLOUTS.FWPM_CALLOUT_IPSEC_ALE_CONNECT_V6 },
} as const;
/** Joins parts into one flat string (template literals build rope trees that stay alive in the graph). */
const flat = (parts: string[]): string => parts.join("");

/**
 * An authorization condition's value: SDDL compiles to its security descriptor now; a list of names stays
 * an `accounts` value until plan/apply resolve it on the host (plan/accounts.ts), as program paths do.
 */
const identityValue = (a: AuthorizationSpec): FilterCondition["conditionValue"] =>
  typeof a === "string"
    ? { type: T.FWP_SECURITY_DESCRIPTOR_TYPE, sd: sddlToSecurityDescriptor(a) }
    : { type: "accounts", accounts: a };

/** Shared, frozen callout actions per layer and family. */
const CALLOUT_ACTIONS = Object.fromEntries(
  (["out", "in", "accept", "connect"] as const).map((l) => [
    l,
    {
      4: Object.freeze({ type: A.FWP_ACTION_CALLOUT_TERMINATING, calloutKey: C[l][4] }),
      6: Object.freeze({ type: A.FWP_ACTION_CALLOUT_TERMINATING, calloutKey: C[l][6] }),
    },
  ]),
) as Record<"out" | "in" | "accept" | "connect", Record<4 | 6, FilterAction>>;

/** Filter order in the graph = the documented call order (docs/recipes.md, "Call order"). */
const LAYER_RANK: string[] = ["ikeext", "ipsec", "out", "in", "accept", "connect"];

export { ndVariant, transportSecurity } from "../model/mod.ts";

const ND_FLAGS: Record<NdVariant, number> = {
  plain: 0,
  "nd-secure": PF.IPSEC_POLICY_FLAG_ND_SECURE,
  "nd-boundary": PF.IPSEC_POLICY_FLAG_ND_BOUNDARY,
};
const NAT_FLAGS = {
  none: 0,
  "peer-behind-nat": PF.IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_PEER_BEHIND_NAT,
  general: PF.IPSEC_POLICY_FLAG_NAT_ENCAP_ALLOW_GENERAL_NAT_TRAVERSAL,
};

/** Compiles a validated policy into the object graph. Pure and deterministic. */
export function compilePolicy(policy: Policy): ObjectGraph {
  // A keyword side compiled as it stands would have no address condition: "any" (hostAddresses.ts resolves).
  const uses = keywordUses(policy);
  if (uses.length) {
    throw new KeywordResolutionError(
      `${uses.join(", ")}: address keywords must be resolved before compiling`,
    );
  }
  return new Compiler(policy).run();
}

class Compiler {
  private readonly name: string;
  private readonly contexts: ProviderContext[] = [];
  private readonly byLayer: Record<string, Filter[]> = Object.fromEntries(LAYER_RANK.map((l) => [l, []]));
  private readonly secrets: Record<string, GraphSecretRef> = {};
  private readonly mmKeys = new Map<string, string>();
  private readonly qmKeys = new Map<string, string>();
  private readonly mms: Map<string, MainModePolicy>;
  private readonly qms: Map<string, QuickModePolicy>;
  /** Families that hold ALE accept / connect callout filters (exemptions must follow them there). */
  private readonly aleFams = { accept: new Set<number>(), connect: new Set<number>() };
  /** Families that hold rules' transport callout filters (IKE exemptions follow them, ikeExemptions.ts). */
  private readonly ruleFams = new Set<4 | 6>();
  /** Description of the rule being compiled (shown on its filters). */
  private desc: string | undefined;
  /** Precedence PERMITs at ALE layers, by rule and family (precedenceClaims.ts). */
  private claims = new Map<string, Map<4 | 6, Set<"accept" | "connect">>>();

  constructor(private readonly p: Policy) {
    this.name = p.name;
    this.nameJson = JSON.stringify(p.name);
    this.mms = new Map(p.mainMode.map((m) => [m.name, m]));
    this.qms = new Map(p.quickMode.map((q) => [q.name, q]));
  }

  private key(path: string) {
    return objectKey(this.name, path);
  }
  private readonly slab = new Slab();
  private readonly nameJson: string;
  private meta(path: string, extra: Partial<WfpsecMeta> = {}): Uint8Array {
    if (Object.keys(extra).length === 0) {
      // Same text JSON.stringify gives for { wfpsec, policy, path }, without building the object.
      return this.slab.bytes(`{"wfpsec":1,"policy":${this.nameJson},"path":${JSON.stringify(path)}}`);
    }
    const m: WfpsecMeta = { wfpsec: 1, policy: this.name, path, ...extra };
    return this.slab.bytes(JSON.stringify(m));
  }

  run(): ObjectGraph {
    const p = this.p;
    const provider = {
      providerKey: WFPSEC_PROVIDER_KEY,
      displayData: { name: "wfpsec", description: `wfpsec IPsec policy '${p.name}'` },
      flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT,
      providerData: this.meta("provider", {
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.allowWeakCrypto ? { allowWeakCrypto: true } : {}),
      }),
      serviceName: WFPSEC_PROVIDER_SERVICE,
    };
    const sublayer = {
      subLayerKey: WFPSEC_SUBLAYER_KEY,
      displayData: { name: "wfpsec", description: `wfpsec IPsec policy '${p.name}'` },
      flags: FLAGS.FWPM_SUBLAYER_FLAG.FWPM_SUBLAYER_FLAG_PERSISTENT,
      providerKey: WFPSEC_PROVIDER_KEY,
      providerData: this.meta("sublayer"),
      weight: 0x8000,
    };
    this.claims = aleClaims(p.rules);
    for (const r of p.rules) this.rule(r);
    for (const e of p.exemptions) this.exemption(e);
    this.ikeExemptions();
    const tunnels = p.tunnels.map((t) => this.tunnel(t));
    const manualSas = p.manualSas.map((s) => this.manualSa(s));
    // Contexts: main mode before quick mode (filters reference them; docs/recipes.md), each in first-use order.
    const mmCtx = this.contexts.filter((c) => MM_CONTEXT_TYPES.includes(c.type));
    const qmCtx = this.contexts.filter((c) => !MM_CONTEXT_TYPES.includes(c.type));
    return {
      provider,
      sublayer,
      providerContexts: [...mmCtx, ...qmCtx],
      filters: LAYER_RANK.flatMap((l) => this.byLayer[l]),
      tunnels,
      manualSas,
      secrets: this.secrets,
    };
  }

  private mmPolicy(
    m: MainModePolicy,
    key: string,
  ): { policy: IkeextPolicy2; secrets?: Record<string, GraphSecretRef> } {
    const secrets: Record<string, GraphSecretRef> = {};
    m.auth.forEach((a, i) => {
      if (a.kind === "psk") {
        secrets[String(i)] = storedRef(a.ref);
        this.secrets[`${key}/${i}`] = { ...a.ref };
      }
    });
    return {
      policy: {
        softExpirationTime: m.softExpirationSeconds,
        authenticationMethods: m.auth.map((a) => fitAuthMethod(authMethod(a), m.keyModule)),
        initiatorImpersonationType: ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_NONE,
        ikeProposals: m.proposals.map((pr) => ({
          cipherAlgorithm: { algoIdentifier: MM_CIPHERS[pr.cipher], keyLen: 0, rounds: 0 },
          integrityAlgorithm: { algoIdentifier: MM_INTEGRITY[pr.integrity] },
          maxLifetimeSeconds: m.lifetimeSeconds,
          dhGroup: MM_DH[pr.dh],
          quickModeLimit: m.quickModeLimit,
        })),
        flags: m.flags.reduce((f, n) => f | (MM_FLAG_BITS[n] ?? 0), 0),
        maxDynamicFilters: 0,
        retransmitDurationSecs: retransmitFor(m.keyModule, m.retransmitSeconds),
      },
      ...(Object.keys(secrets).length ? { secrets } : {}),
    };
  }

  private mmContext(m: MainModePolicy, path: string): ProviderContext {
    const key = this.key(path);
    const { policy, secrets } = this.mmPolicy(m, key);
    return {
      providerContextKey: key,
      displayData: {
        name: flat(["wfpsec ", this.name, ": ", path]),
        ...(m.description ? { description: m.description } : {}),
      },
      flags: FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT,
      providerKey: WFPSEC_PROVIDER_KEY,
      providerData: this.meta(path, secrets ? { secrets } : {}),
      ...mmArm(m.keyModule, policy),
    };
  }

  private mmKey(m: MainModePolicy): string {
    let k = this.mmKeys.get(m.name);
    if (!k) {
      const ctx = this.mmContext(m, `mainMode/${m.name}`);
      this.contexts.push(ctx);
      k = ctx.providerContextKey;
      this.mmKeys.set(m.name, k);
    }
    return k;
  }

  private emPolicy(q: QuickModePolicy, km: KeyModule): IkeextEmPolicy2 | undefined {
    if (km !== "authip" || !q.userAuth.length) return undefined;
    return {
      authenticationMethods: q.userAuth.map((a) => fitAuthMethod(authMethod(a), "authip")),
      initiatorImpersonationType: q.userImpersonation === "socket-principal"
        ? ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_SOCKET_PRINCIPAL
        : ENUMS.IKEEXT_AUTHENTICATION_IMPERSONATION_TYPE.IKEEXT_IMPERSONATION_NONE,
    };
  }

  private proposals(q: QuickModePolicy): IpsecProposal0[] {
    return q.proposals.map((pr) => ({
      lifetime: {
        lifetimeSeconds: q.lifetimeSeconds,
        lifetimeKilobytes: q.lifetimeKilobytes,
        lifetimePackets: 0x7fffffff,
      },
      saTransforms: saTransforms(pr),
      pfsGroup: PFS_GROUPS[q.pfs],
    }));
  }

  private qmKey(q: QuickModePolicy, km: KeyModule, v: NdVariant): string {
    const path = `quickMode/${q.name}/${km}/${v}`;
    let k = this.qmKeys.get(path);
    if (k) return k;
    k = this.key(path);
    const em = this.emPolicy(q, km);
    this.contexts.push({
      providerContextKey: k,
      displayData: {
        name: flat(["wfpsec ", this.name, ": ", path]),
        ...(q.description ? { description: q.description } : {}),
      },
      flags: FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT,
      providerKey: WFPSEC_PROVIDER_KEY,
      providerData: this.meta(path),
      ...qmTransportArm(km, {
        ipsecProposals: this.proposals(q),
        flags: ND_FLAGS[v] | NAT_FLAGS[q.natTraversal],
        ndAllowClearTimeoutSeconds: q.ndAllowClearTimeout,
        saIdleTimeout: {
          idleTimeoutSeconds: q.idleSeconds,
          idleTimeoutSecondsFailOver: q.idleFailoverSeconds,
        },
        ...(em ? { emPolicy: em } : {}),
      }),
    });
    this.qmKeys.set(path, k);
    return k;
  }

  private filter(
    layer: string,
    fam: 4 | 6,
    path: string,
    f: Omit<
      Filter,
      "filterKey" | "displayData" | "providerKey" | "providerData" | "layerKey" | "subLayerKey"
    >,
    extra: Partial<WfpsecMeta> = {},
  ) {
    this.byLayer[layer].push({
      filterKey: this.key(path),
      displayData: {
        name: flat(["wfpsec ", this.name, ": ", path]),
        ...(this.desc !== undefined ? { description: this.desc } : {}),
      },
      flags: f.flags,
      providerKey: WFPSEC_PROVIDER_KEY,
      providerData: this.meta(path, extra),
      layerKey: (L as Record<string, Record<number, string>>)[layer][fam],
      subLayerKey: WFPSEC_SUBLAYER_KEY,
      weight: f.weight,
      filterCondition: f.filterCondition,
      action: f.action,
      ...(f.rawContext !== undefined ? { rawContext: f.rawContext } : {}),
      ...(f.providerContextKey !== undefined ? { providerContextKey: f.providerContextKey } : {}),
    });
  }

  private policyFilter(
    layer: "ikeext" | "ipsec",
    fam: 4 | 6,
    path: string,
    conds: FilterCondition[],
    ctxKey: string,
    weight: FwpValue,
  ) {
    this.filter(layer, fam, path, {
      flags: FF.FWPM_FILTER_FLAG_PERSISTENT | FF.FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT,
      weight,
      filterCondition: conds,
      action: PERMIT,
      providerContextKey: ctxKey,
    });
  }

  private callout(
    layer: "out" | "in" | "accept" | "connect",
    fam: 4 | 6,
    path: string,
    conds: FilterCondition[],
    raw: bigint,
    weight: FwpValue,
  ) {
    if (layer === "accept" || layer === "connect") this.aleFams[layer].add(fam);
    this.filter(layer, fam, path, {
      flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
      weight,
      filterCondition: conds,
      action: CALLOUT_ACTIONS[layer][fam],
      rawContext: raw,
    });
  }

  private rule(r: Rule) {
    this.desc = r.description;
    try {
      this.ruleFilters(r);
    } finally {
      this.desc = undefined;
    }
  }

  private ruleFilters(r: Rule) {
    const t = transportSecurity(r);
    const variant = ndVariant(t);
    const qm = this.qms.get(r.quickMode)!;
    const mms = r.mainMode.map((n) => this.mms.get(n)!);
    const base = `rules/${r.name}`;
    for (const fam of r.families) {
      this.ruleFams.add(fam);
      const fp = `${base}/v${fam}`;
      // Explicit weights from the rule's specificity and priority (model/precedence.ts), one per layer kind.
      const w = (layer: WeightLayer, role = 0) => u64(precedenceWeight(r, fam, layer, role));
      const wIke = w("ikeext"), wSel = w("ipsec"), wAle = w("ale");
      // One condition list per shape, shared by the rule's filters (the graph is immutable data).
      const full = selConds(r, fam, true);
      const addr = full.filter((c) =>
        c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS ||
        c.fieldKey === CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS
      );
      for (const m of mms) {
        this.policyFilter("ikeext", fam, `${fp}/ikeext/${m.keyModule}`, addr, this.mmKey(m), wIke);
      }
      for (const m of mms) {
        this.policyFilter(
          "ipsec",
          fam,
          `${fp}/ipsec/${m.keyModule}`,
          full,
          this.qmKey(qm, m.keyModule, variant),
          wSel,
        );
      }
      const withUnicast = [unicast(), ...full];
      if (r.direction !== "inbound") {
        const raw = t.outbound === "request"
          ? FC.FWPM_CONTEXT_IPSEC_OUTBOUND_NEGOTIATE_DISCOVER
          : t.outbound === "clear"
          ? FC.FWPM_CONTEXT_IPSEC_OUTBOUND_SUPPRESS_NEGOTIATION
          : 0n;
        this.callout("out", fam, `${fp}/out`, withUnicast, raw, wSel);
      }
      if (r.direction !== "outbound") {
        const raw = t.inbound === "request" || t.outbound === "request"
          ? FC.FWPM_CONTEXT_IPSEC_INBOUND_PERSIST_CONNECTION_SECURITY
          : 0n;
        this.callout("in", fam, `${fp}/in`, withUnicast, raw, wSel);
      }
      const app: FilterCondition[] = r.program !== undefined
        ? [{
          fieldKey: CONDITIONS.FWPM_CONDITION_ALE_APP_ID,
          matchType: M.FWP_MATCH_EQUAL,
          conditionValue: { type: "appPath", path: r.program },
        }]
        : [];
      const ale = [...withUnicast, ...app];
      const encRaw = FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_ENCRYPTION;
      if (r.direction !== "outbound") {
        if (r.authorization) {
          const ids: FilterCondition[] = [];
          if (r.authorization.machines !== undefined) {
            ids.push({
              fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_MACHINE_ID,
              matchType: M.FWP_MATCH_EQUAL,
              conditionValue: identityValue(r.authorization.machines),
            });
          }
          if (r.authorization.users !== undefined) {
            ids.push({
              fieldKey: CONDITIONS.FWPM_CONDITION_ALE_REMOTE_USER_ID,
              matchType: M.FWP_MATCH_EQUAL,
              conditionValue: identityValue(r.authorization.users),
            });
          }
          this.callout(
            "accept",
            fam,
            `${fp}/accept/authorized`,
            [...ale, ...ids],
            r.requireEncryption ? encRaw : 0n,
            w("ale", 1),
          );
          this.filter("accept", fam, `${fp}/accept/unauthorized`, {
            flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
            weight: wAle,
            filterCondition: ale,
            action: { type: A.FWP_ACTION_BLOCK },
          });
        } else if (r.requireEncryption) {
          this.callout("accept", fam, `${fp}/accept`, ale, encRaw, wAle);
        } else if (variant === "nd-secure" || (r.program !== undefined && r.inbound === "require")) {
          this.callout("accept", fam, `${fp}/accept`, ale, 0n, wAle);
        }
      }
      if (r.direction !== "inbound") {
        if (r.requireEncryption) this.callout("connect", fam, `${fp}/connect`, ale, encRaw, wAle);
        else if (r.program !== undefined && r.outbound === "require") {
          this.callout(
            "connect",
            fam,
            `${fp}/connect`,
            ale,
            FC.FWPM_CONTEXT_ALE_SET_CONNECTION_REQUIRE_IPSEC_SECURITY,
            wAle,
          );
        }
      }
      for (const layer of this.claims.get(r.name)?.get(fam) ?? []) {
        this.filter(layer, fam, `${fp}/${layer}/precedence`, {
          flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
          weight: wAle,
          filterCondition: ale,
          action: PERMIT,
        });
      }
    }
  }

  /** UDP 500/4500 permits in our sublayer at every layer our rules' callout filters sit (rule 10). */
  private ikeExemptions() {
    for (const fam of [4, 6] as const) {
      if (!this.ruleFams.has(fam)) continue;
      const layers: ("out" | "in" | "accept" | "connect")[] = ["out", "in"];
      if (this.aleFams.accept.has(fam)) layers.push("accept");
      if (this.aleFams.connect.has(fam)) layers.push("connect");
      for (const layer of layers) {
        this.filter(layer, fam, `ikeExemptions/v${fam}/${layer}`, {
          flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
          weight: u8(WEIGHTS.FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS),
          filterCondition: ikeExemptionConditions(fam, layer === "accept" || layer === "connect"),
          action: PERMIT,
        });
      }
    }
  }

  private exemption(e: Policy["exemptions"][number]) {
    for (const fam of e.families) {
      let sel: Selector = e;
      if (e.kind === "icmp") {
        sel = { local: [], remote: [], protocol: fam === 4 ? 1 : 58, localPorts: [], remotePorts: [] };
      }
      if (e.kind === "dhcp") {
        sel = fam === 4
          ? {
            local: [],
            remote: [],
            protocol: 17,
            localPorts: [{ low: 68, high: 68 }],
            remotePorts: [{ low: 67, high: 67 }],
          }
          : {
            local: [],
            remote: [],
            protocol: 17,
            localPorts: [{ low: 546, high: 546 }],
            remotePorts: [{ low: 547, high: 547 }],
          };
      }
      const conds = [unicast(), ...selConds(sel, fam, true)];
      const layers: ("out" | "in" | "accept" | "connect")[] = ["out", "in"];
      if (this.aleFams.accept.has(fam)) layers.push("accept");
      if (this.aleFams.connect.has(fam)) layers.push("connect");
      for (const layer of layers) {
        this.filter(layer, fam, `exemptions/${e.name}/v${fam}/${layer}`, {
          flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
          weight: u8(WEIGHTS.FWPM_WEIGHT_RANGE_IKE_EXEMPTIONS),
          filterCondition: conds,
          action: { type: A.FWP_ACTION_PERMIT },
        });
      }
    }
  }

  private tunnel(t: Policy["tunnels"][number]): Tunnel {
    const mm = this.mms.get(t.mainMode)!;
    const qm = this.qms.get(t.quickMode)!;
    const km = mm.keyModule;
    const mmCtx = this.mmContext(mm, `tunnels/${t.name}/mainMode/${mm.name}`);
    const path = `tunnels/${t.name}/quickMode/${qm.name}`;
    const fam = t.localEndpoint.family;
    const v4 = fam === 4;
    const sel = (a: AddrSpec): IpsecTrafficSelector0 => ({
      protocolId: 0,
      portStart: 0,
      portEnd: 65535,
      ...(a.family === 4
        ? { ipVersion: IPV.FWP_IP_VERSION_V4, startV4Address: Number(a.low), endV4Address: Number(a.high) }
        : {
          ipVersion: IPV.FWP_IP_VERSION_V6,
          startV6Address: v6Bytes(a.low),
          endV6Address: v6Bytes(a.high),
        }),
    });
    const local = t.local.length || !t.pointToPoint ? t.local : [t.localEndpoint];
    const remote = t.remote.length || !t.pointToPoint ? t.remote : [t.remoteEndpoint];
    const em = this.emPolicy(qm, km);
    const tunnelPolicy: ProviderContext = {
      providerContextKey: this.key(path),
      displayData: {
        name: flat(["wfpsec ", this.name, ": ", path]),
        ...(t.description ? { description: t.description } : {}),
      },
      flags: FLAGS.FWPM_PROVIDER_CONTEXT_FLAG.FWPM_PROVIDER_CONTEXT_FLAG_PERSISTENT,
      providerKey: WFPSEC_PROVIDER_KEY,
      providerData: this.meta(path),
      ...qmTunnelArm(km, {
        flags: NAT_FLAGS[qm.natTraversal],
        ipsecProposals: this.proposals(qm),
        tunnelEndpoints: {
          ...(v4
            ? {
              ipVersion: IPV.FWP_IP_VERSION_V4,
              localV4Address: Number(t.localEndpoint.low),
              remoteV4Address: Number(t.remoteEndpoint.low),
            }
            : {
              ipVersion: IPV.FWP_IP_VERSION_V6,
              localV6Address: v6Bytes(t.localEndpoint.low),
              remoteV6Address: v6Bytes(t.remoteEndpoint.low),
            }),
          localIfLuid: 0n,
          remoteAddresses: [],
        },
        saIdleTimeout: {
          idleTimeoutSeconds: qm.idleSeconds,
          idleTimeoutSecondsFailOver: qm.idleFailoverSeconds,
        },
        ...(em ? { emPolicy: em } : {}),
        fwdPathSaLifetime: 0,
        compartmentId: 0,
        trafficSelectorPolicies: km === "ikev2" && local.length && remote.length
          ? [{ flags: 0, localTrafficSelectors: local.map(sel), remoteTrafficSelectors: remote.map(sel) }]
          : [],
      }),
    };
    const conds = [
      ...(["4", "6"] as const).flatMap((f) =>
        addrConds(CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS, local, Number(f) as 4 | 6)
      ),
      ...(["4", "6"] as const).flatMap((f) =>
        addrConds(CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS, remote, Number(f) as 4 | 6)
      ),
    ];
    return {
      flags: t.pointToPoint ? FLAGS.FWPM_TUNNEL_FLAG.FWPM_TUNNEL_FLAG_POINT_TO_POINT : 0,
      mainModePolicy: mmCtx,
      tunnelPolicy,
      filterConditions: conds,
      keyModKey: KEY_MODULE_TYPES[km].guid,
    };
  }

  private manualSa(s: Policy["manualSas"][number]): ManualSa {
    const fam = s.local.family;
    const sel: Selector = { local: [s.local], remote: [s.remote], localPorts: [], remotePorts: [] };
    const conds = [unicast(), ...selConds(sel, fam, true)];
    const base = `manualSas/${s.name}`;
    const dir = (d: typeof s.inbound, which: "inbound" | "outbound") => {
      const tr = saTransforms(d.transform)[0];
      const keyRef = `${base}/${which}`;
      this.secrets[keyRef] = { ...d.key };
      const auth = tr.ahTransform ?? tr.espAuthTransform ?? tr.espAuthAndCipherTransform?.authTransform;
      const cipher = tr.espCipherTransform ?? tr.espAuthAndCipherTransform?.cipherTransform;
      return {
        spi: d.spi,
        transformType: tr.ipsecTransformType,
        ...(auth ? { authTransformId: { ...auth.authTransformId } } : {}),
        ...(cipher ? { cipherTransformId: { ...cipher.cipherTransformId } } : {}),
        keyRef,
      };
    };
    const saMeta = {
      manualSa: {
        inbound: {
          spi: s.inbound.spi,
          transform: formatQm(s.inbound.transform),
          key: storedRef(s.inbound.key),
        },
        outbound: {
          spi: s.outbound.spi,
          transform: formatQm(s.outbound.transform),
          key: storedRef(s.outbound.key),
        },
      },
    };
    this.filter("out", fam, `${base}/out`, {
      flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
      weight: EMPTY_WEIGHT,
      filterCondition: conds,
      action: { type: A.FWP_ACTION_CALLOUT_TERMINATING, calloutKey: C.out[fam] },
      rawContext: 0n,
    }, saMeta);
    this.filter("in", fam, `${base}/in`, {
      flags: FF.FWPM_FILTER_FLAG_PERSISTENT,
      weight: EMPTY_WEIGHT,
      filterCondition: conds,
      action: { type: A.FWP_ACTION_CALLOUT_TERMINATING, calloutKey: C.in[fam] },
      rawContext: 0n,
    }, saMeta);
    return {
      name: s.name,
      ipVersion: fam === 4 ? IPV.FWP_IP_VERSION_V4 : IPV.FWP_IP_VERSION_V6,
      localAddress: formatAddr(s.local),
      remoteAddress: formatAddr(s.remote),
      // IPSEC_TRAFFIC1's address arms (the validator allows one address per end, of one family).
      traffic: fam === 4
        ? { localV4Address: Number(s.local.low), remoteV4Address: Number(s.remote.low) }
        : { localV6Address: v6Bytes(s.local.low), remoteV6Address: v6Bytes(s.remote.low) },
      inboundFilterKey: this.key(`${base}/in`),
      outboundFilterKey: this.key(`${base}/out`),
      inbound: dir(s.inbound, "inbound"),
      outbound: dir(s.outbound, "outbound"),
    };
  }
}
