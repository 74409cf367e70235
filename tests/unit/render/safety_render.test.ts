/**
 * Safety rule for elevated runs (a file non-administrators can write is refused, with the reason) with an
 * injected ACL reader, and the JSON rendering conventions (bigint, bytes, symbolic names, no key bytes).
 */
import assert from "node:assert/strict";
import { assertAdminOnly, nonAdminWriters, parseIcacls } from "../../../modules/host/safety.ts";
import { SafetyError } from "../../../modules/errors.ts";
import { filterJson, fromJsonObject, providerContextJson } from "../../../modules/render/render.ts";
import { parseScState } from "../../../modules/host/doctor.ts";
import { requestedKind } from "../../../modules/engine/select.ts";
import { CALLOUTS, LAYERS } from "../../../ffi/constants.ts";
import type { Filter, ProviderContext } from "../../../modules/graph/graph.ts";

const ICACLS_ADMIN = `C:\\ProgramData\\wfpsec\\corp.yaml NT AUTHORITY\\SYSTEM:(I)(F)
                                   BUILTIN\\Administrators:(I)(F)
                                   BUILTIN\\Users:(I)(RX)

Successfully processed 1 files; Failed processing 0 files`;
const ICACLS_USERS_WRITE = `C:\\Users\\Public\\corp.yaml BUILTIN\\Administrators:(I)(F)
                           NT AUTHORITY\\SYSTEM:(I)(F)
                           BUILTIN\\Users:(I)(M)
                           Everyone:(OI)(CI)(IO)(W)

Successfully processed 1 files; Failed processing 0 files`;
const ICACLS_DIR_USERS_ADD = `C:\\Temp BUILTIN\\Administrators:(OI)(CI)(F)
        BUILTIN\\Users:(CI)(AD)
        CREATOR OWNER:(OI)(CI)(IO)(F)

Successfully processed 1 files; Failed processing 0 files`;

// Windows' defaults: users may add folders to C:\ and C:\ProgramData, which replaces no existing name.
const ICACLS_ROOT = `C:\\ NT AUTHORITY\\SYSTEM:(OI)(CI)(F)
   BUILTIN\\Administrators:(OI)(CI)(F)
   BUILTIN\\Users:(OI)(CI)(RX)
   NT AUTHORITY\\Authenticated Users:(OI)(CI)(IO)(M)
   NT AUTHORITY\\Authenticated Users:(AD)

Successfully processed 1 files; Failed processing 0 files`;
const ICACLS_PROGRAMDATA = `C:\\ProgramData NT AUTHORITY\\SYSTEM:(OI)(CI)(F)
               BUILTIN\\Administrators:(OI)(CI)(F)
               CREATOR OWNER:(OI)(CI)(IO)(F)
               BUILTIN\\Users:(OI)(CI)(RX)
               BUILTIN\\Users:(CI)(WD,AD,WEA,WA)

Successfully processed 1 files; Failed processing 0 files`;

Deno.test("every ancestor folder is checked for delete, rename and takeover rights; Delete on the file counts", () => {
  const admin = (p: string) => ICACLS_ADMIN.replace("C:\\ProgramData\\wfpsec\\corp.yaml", p);
  const acls: Record<string, string> = {
    "C:\\ProgramData\\wfpsec\\deep\\corp.yaml": admin("C:\\ProgramData\\wfpsec\\deep\\corp.yaml"),
    "C:\\ProgramData\\wfpsec\\deep": admin("C:\\ProgramData\\wfpsec\\deep"),
    "C:\\ProgramData\\wfpsec": admin("C:\\ProgramData\\wfpsec"),
    "C:\\ProgramData": ICACLS_PROGRAMDATA,
    "C:\\": ICACLS_ROOT,
  };
  const read = (p: string) => {
    if (!(p in acls)) throw new Error(`unexpected read of ${p}`);
    return parseIcacls(p, acls[p]);
  };
  const file = "C:\\ProgramData\\wfpsec\\deep\\corp.yaml";
  assertAdminOnly(file, "policy file", read);
  // Users may delete (rename) a folder two levels up: the whole path can be swapped.
  acls["C:\\ProgramData\\wfpsec"] = admin("C:\\ProgramData\\wfpsec").replace("(I)(RX)", "(DE)");
  assert.throws(
    () => assertAdminOnly(file, "policy file", read),
    /BUILTIN\\Users may delete or rename its ancestor folder C:\\ProgramData\\wfpsec/,
  );
  acls["C:\\ProgramData\\wfpsec"] = admin("C:\\ProgramData\\wfpsec").replace("(I)(RX)", "(DC)");
  assert.throws(() => assertAdminOnly(file, "policy file", read), /ancestor folder C:\\ProgramData\\wfpsec/);
  acls["C:\\ProgramData\\wfpsec"] = admin("C:\\ProgramData\\wfpsec");
  // Delete (DE) on the file itself lets a user replace it.
  acls[file] = admin(file).replace("(I)(RX)", "(DE)");
  assert.throws(() => assertAdminOnly(file, "policy file", read), /it is writable by BUILTIN\\Users/);
});

Deno.test("icacls output parses into principals and rights", () => {
  assert.deepEqual(parseIcacls("C:\\ProgramData\\wfpsec\\corp.yaml", ICACLS_ADMIN), [
    { principal: "NT AUTHORITY\\SYSTEM", rights: ["I", "F"] },
    { principal: "BUILTIN\\Administrators", rights: ["I", "F"] },
    { principal: "BUILTIN\\Users", rights: ["I", "RX"] },
  ]);
});

Deno.test("a file only administrators can write passes; users with Modify are refused with the reason", () => {
  const acls: Record<string, string> = {
    "C:\\ProgramData\\wfpsec\\corp.yaml": ICACLS_ADMIN,
    "C:\\ProgramData\\wfpsec": ICACLS_ADMIN.replace(
      "C:\\ProgramData\\wfpsec\\corp.yaml",
      "C:\\ProgramData\\wfpsec",
    ),
    "C:\\Users\\Public\\corp.yaml": ICACLS_USERS_WRITE,
    "C:\\Temp\\corp.yaml": ICACLS_ADMIN.replace("C:\\ProgramData\\wfpsec\\corp.yaml", "C:\\Temp\\corp.yaml"),
    "C:\\Temp": ICACLS_DIR_USERS_ADD,
    "C:\\ProgramData": ICACLS_PROGRAMDATA,
    "C:\\": ICACLS_ROOT,
  };
  const read = (p: string) => parseIcacls(p, acls[p]);
  assertAdminOnly("C:\\ProgramData\\wfpsec\\corp.yaml", "policy file", read);
  assert.deepEqual(
    nonAdminWriters("C:\\Users\\Public\\corp.yaml", read),
    ["BUILTIN\\Users"],
    "inherit-only entries do not apply",
  );
  assert.throws(() => assertAdminOnly("C:\\Users\\Public\\corp.yaml", "policy file", read), (e: unknown) => {
    assert.ok(e instanceof SafetyError);
    assert.match(
      e.message,
      /refusing to use policy file C:\\Users\\Public\\corp.yaml while elevated: it is writable by BUILTIN\\Users/,
    );
    return true;
  });
  // The file is fine but its folder lets users add files: the file could be replaced.
  assert.throws(
    () => assertAdminOnly("C:\\Temp\\corp.yaml", "snapshot", read),
    /its folder C:\\Temp is writable by BUILTIN\\Users/,
  );
});

Deno.test("sc query state and engine selection rules", () => {
  assert.equal(
    parseScState(
      "SERVICE_NAME: BFE\n        TYPE               : 20  WIN32_SHARE_PROCESS\n        STATE              : 4  RUNNING\n",
    ),
    "RUNNING",
  );
  assert.equal(parseScState("garbage"), undefined);
  assert.equal(requestedKind({ engine: "sim" }), "sim");
  assert.equal(requestedKind({ state: "x.xml" }), "snapshot");
  if (Deno.build.os !== "windows") {
    const saved = Deno.env.get("WFPSEC_ENGINE");
    Deno.env.delete("WFPSEC_ENGINE");
    assert.throws(() => requestedKind({}), /no WFP engine on linux: .*--engine sim/);
    assert.throws(() => requestedKind({ engine: "windows" }), /needs Windows/);
    Deno.env.set("WFPSEC_ENGINE", "sim");
    assert.equal(requestedKind({}), "sim");
    if (saved === undefined) Deno.env.delete("WFPSEC_ENGINE");
    else Deno.env.set("WFPSEC_ENGINE", saved);
  }
});

Deno.test("JSON rendering: u64 as decimal strings, bytes as hex, symbolic names, keys redacted, reversible", () => {
  const f: Filter = {
    filterKey: "0a0b0c0d-0000-0000-0000-000000000001",
    displayData: { name: "f" },
    flags: 0x5,
    providerData: new Uint8Array([0xde, 0xad]),
    layerKey: LAYERS.FWPM_LAYER_INBOUND_TRANSPORT_V4,
    subLayerKey: "0a0b0c0d-0000-0000-0000-000000000002",
    weight: { type: 4, uint64: 18446744073709551615n },
    filterCondition: [{
      fieldKey: "b235ae9a-1d64-49b8-a44c-5ff3d9095045",
      matchType: 0,
      conditionValue: { type: 2, uint16: 80 },
    }],
    action: { type: 0x5003, calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4 },
    providerContextKey: "0a0b0c0d-0000-0000-0000-000000000003",
    filterId: 123n,
  };
  const j = filterJson(f) as Record<string, unknown>;
  assert.equal(j.layer, "FWPM_LAYER_INBOUND_TRANSPORT_V4");
  assert.deepEqual(j.flagNames, ["FWPM_FILTER_FLAG_PERSISTENT", "FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT"]);
  assert.equal(j.providerData, "dead");
  assert.equal(j.filterId, "123");
  assert.deepEqual(j.weight, { type: 4, uint64: "18446744073709551615", typeName: "FWP_UINT64" });
  assert.deepEqual(j.action, {
    type: 0x5003,
    calloutKey: CALLOUTS.FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4,
    typeName: "FWP_ACTION_CALLOUT_TERMINATING",
    callout: "FWPM_CALLOUT_IPSEC_INBOUND_TRANSPORT_V4",
  });
  const c0 = (j.filterCondition as Record<string, unknown>[])[0];
  assert.equal(c0.field, "FWPM_CONDITION_IP_REMOTE_ADDRESS");
  assert.equal(c0.matchTypeName, "FWP_MATCH_EQUAL");
  assert.deepEqual(fromJsonObject<Filter>(JSON.parse(JSON.stringify(j))), f);

  const ctx: ProviderContext = {
    providerContextKey: "0a0b0c0d-0000-0000-0000-000000000004",
    displayData: { name: "mm" },
    flags: 1,
    type: 5,
    ikeMmPolicy: {
      softExpirationTime: 0,
      authenticationMethods: [{
        authenticationMethodType: 0,
        presharedKeyAuthentication: { presharedKey: new TextEncoder().encode("hunter2-psk"), flags: 0 },
      }],
      initiatorImpersonationType: 0,
      ikeProposals: [],
      flags: 0,
      maxDynamicFilters: 0,
      retransmitDurationSecs: 0,
    },
  };
  const cj = JSON.stringify(providerContextJson(ctx));
  assert.ok(
    !cj.includes("hunter2") && !cj.includes(
      Array.from(new TextEncoder().encode("hunter2-psk"), (b) => b.toString(16).padStart(2, "0")).join(""),
    ),
  );
  assert.match(cj, /"typeName":"FWPM_IPSEC_IKE_MM_CONTEXT"/);
});
