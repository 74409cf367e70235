/**
 * Issue 12 rule 6, object security: every object wfpsec adds carries a protected DACL granting Administrators
 * and SYSTEM only, read back with Fwpm*GetSecurityInfoByKey0 (learn.microsoft.com fwp/access-control and
 * api/fwpmu/nf-fwpmu-fwpm*getsecurityinfobykey0). fwpsim models BFE's inheritance: a descriptor that is not
 * protected, or none at all, also gets the container's ACEs (Network Configuration Operators among them).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { ERRORS, FLAGS } from "../../ffi/constants.ts";
import { sddlToSecurityDescriptor, securityDescriptorToSddl, WFPSEC_OBJECT_SDDL } from "../../ffi/sddl.ts";
import { applyGraph } from "../../modules/apply/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import type { FfiEngine, SecuredKind } from "../../modules/engine/ffi.ts";
import { provider } from "./fixtures.ts";
import { lib, simTest } from "./helpers.ts";
import { RawSession } from "../support/rawSession.ts";

const BA = "S-1-5-32-544", SY = "S-1-5-18", NCO = "S-1-5-32-556";
const GA = "0x10000000";
/** What wfpsec's objects must hold: exactly these two ACEs, and no inheritance (P). */
const OURS = `D:PAI(A;;${GA};;;${BA})(A;;${GA};;;${SY})`;

const POLICY = `version: 1
name: ffi-object-security
mainMode:
  - name: mm
    keyModule: ikev2
    auth: [{ psk: { env: FFI_SD_PSK } }]
    proposals: [aes256-sha256-ecp256]
quickMode:
  - name: qm
    proposals: [esp-aesgcm256]
  - name: qm-tunnel
    mode: tunnel
    proposals: [esp-aesgcm256]
rules:
  - name: r
    remote: 192.0.2.0/24
    inbound: require
    outbound: require
    mainMode: mm
    quickMode: qm
tunnels:
  - name: t
    mainMode: mm
    quickMode: qm-tunnel
    localEndpoint: 203.0.113.1
    remoteEndpoint: 198.51.100.7
    local: 10.1.0.0/16
    remote: 10.2.0.0/16
exemptions:
  - icmp
`;

const dacl = (sd: Uint8Array) => securityDescriptorToSddl(sd).replace(/^.*?(D:)/, "$1");

/** Service SID: S-1-5-80 and the SHA-1 of the upper-cased name in UTF-16LE as five little-endian words. */
function serviceSid(name: string): string {
  const h = createHash("sha1").update(Buffer.from(name.toUpperCase(), "utf16le")).digest();
  return "S-1-5-80-" + [0, 4, 8, 12, 16].map((i) => h.readUInt32LE(i)).join("-");
}

function everyObject(engine: FfiEngine, g: ReturnType<typeof compilePolicy>): [SecuredKind, string][] {
  const tunnelContexts = g.tunnels.flatMap((
    t,
  ) => [t.tunnelPolicy, ...(t.mainModePolicy ? [t.mainModePolicy] : [])]);
  // The filters FwpmIPsecTunnelAdd3 creates for the tunnel are ours too: enumerate by provider.
  const filters = engine.enumFilters({ providerKey: g.provider.providerKey }).map((f) => f.filterKey);
  return [
    ["provider", g.provider.providerKey],
    ["sublayer", g.sublayer.subLayerKey],
    ...[...g.providerContexts, ...tunnelContexts].map((c): [SecuredKind, string] => [
      "providerContext",
      c.providerContextKey,
    ]),
    ...filters.map((k): [SecuredKind, string] => ["filter", k]),
  ];
}

simTest(
  "apply gives every wfpsec object a protected DACL for Administrators and SYSTEM only",
  async ({ engine, statePath }) => {
    const g = compilePolicy(loadPolicy(POLICY, "sd.yaml").policy);
    applyGraph(engine, g, { resolveSecret: () => new Uint8Array(16).fill(0x41) });
    const objects = everyObject(engine, g);
    assert.ok(objects.filter(([k]) => k === "filter").length > g.filters.length, "tunnel filters included");
    for (const [kind, key] of objects) {
      const sd = engine.securityDescriptor(kind, key)!;
      assert.equal(dacl(sd), OURS, `${kind} ${key}`);
      assert.ok(
        !securityDescriptorToSddl(sd).includes(NCO),
        `${kind} ${key}: no Network Configuration Operators`,
      );
    }
    // Persistent objects keep their descriptor across a restart: a second process reads the state file.
    const ctx = g.providerContexts[0].providerContextKey;
    const code = `import { openEngine } from ${
      JSON.stringify(new URL("../../modules/engine/ffi.ts", import.meta.url).href)
    };
      import { securityDescriptorToSddl } from ${
      JSON.stringify(new URL("../../ffi/sddl.ts", import.meta.url).href)
    };
      const e = openEngine({ simulator: true });
      console.log(securityDescriptorToSddl(e.securityDescriptor("providerContext", ${JSON.stringify(ctx)})));
      e.close();`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", code],
      env: { FWPSIM_STATE: statePath },
      stderr: "inherit",
    }).output();
    assert.equal(out.code, 0);
    assert.equal(new TextDecoder().decode(out.stdout).trim().replace(/^.*?(D:)/, "$1"), OURS);
  },
);

simTest(
  "fwpsim: a DACL that is not protected, or no descriptor, inherits the container's ACEs",
  ({ engine }) => {
    // The descriptor BFE assigns when none is given (api/fwpmu/nf-fwpmu-fwpmfilteradd0): the engine's default
    // (fwp/access-control), so Network Configuration Operators and the listed services can read and write.
    const container = dacl(
      engine.securityDescriptor("providerContext", "00000000-0000-0000-0000-000000000000")!,
    );
    assert.ok(container.includes(`(A;ID;${GA};;;${BA})`), container);
    assert.ok(container.includes(`(A;ID;0xe0000000;;;${NCO})`), container);
    for (const svc of ["MpsSvc", "NapAgent", "PolicyAgent", "RpcSs", "WdiServiceHost"]) {
      assert.ok(container.includes(`;;;${serviceSid(svc)})`), `${svc} ${serviceSid(svc)}`);
    }
    // Without P the same two explicit ACEs are followed by the inherited ones.
    const sd = sddlToSecurityDescriptor(WFPSEC_OBJECT_SDDL.replace("D:P", "D:"));
    const raw = new RawSession(lib);
    const p = { ...provider, flags: 0 }; // the raw session is dynamic
    assert.equal(
      raw.s.FwpmProviderAdd0(raw.h, raw.encode("FWPM_PROVIDER0", p), Deno.UnsafePointer.of(sd)),
      0,
    );
    const got = dacl(engine.securityDescriptor("provider", provider.providerKey)!);
    assert.ok(got.startsWith(`D:AI(A;;${GA};;;${BA})(A;;${GA};;;${SY})(A;ID;`), got);
    assert.ok(got.includes(NCO), got);
    raw.close();
  },
);

simTest(
  "fwpsim: an absolute-format descriptor is ERROR_INVALID_SECURITY_DESCR and adds nothing",
  ({ engine }) => {
    const sd = sddlToSecurityDescriptor(WFPSEC_OBJECT_SDDL);
    sd[3] &= ~0x80; // clear SE_SELF_RELATIVE
    const raw = new RawSession(lib);
    const rc = raw.s.FwpmProviderAdd0(
      raw.h,
      raw.encode("FWPM_PROVIDER0", { ...provider, flags: 0 }),
      Deno.UnsafePointer.of(sd),
    );
    raw.close();
    assert.equal(rc >>> 0, ERRORS.ERROR_INVALID_SECURITY_DESCR.code);
    assert.equal(engine.getProvider(provider.providerKey), undefined);
  },
);

simTest(
  "Fwpm*GetSecurityInfoByKey0 returns only the parts asked for, and NOT_FOUND for an unknown key",
  ({ engine }) => {
    engine.addProvider(provider);
    const SI = FLAGS.SECURITY_INFORMATION;
    const onlyDacl = securityDescriptorToSddl(
      engine.securityDescriptor("provider", provider.providerKey, SI.DACL_SECURITY_INFORMATION)!,
    );
    assert.ok(onlyDacl.startsWith("D:P"), onlyDacl);
    const onlyOwner = securityDescriptorToSddl(
      engine.securityDescriptor("provider", provider.providerKey, SI.OWNER_SECURITY_INFORMATION)!,
    );
    assert.equal(onlyOwner, `O:${BA}`);
    assert.equal(engine.securityDescriptor("filter", "6c9d6f00-0000-4000-8000-00000000dead"), undefined);
  },
);
