/**
 * The Windows side of the FFI boundary, run by the Windows deno.exe under Wine against fwpsim built by mingw
 * and installed as System32's fwpuclnt.dll. Linux runs of the FFI suite already prove layouts and engine
 * semantics; these tests prove what only the Windows build exercises: the library production code picks on
 * Windows, the Win64 calling convention (arguments 5+ on the stack: FwpmFilterEnum0 has 5,
 * FwpmIPsecTunnelAdd3 has 8), UTF-16 through the Windows runtime, UINT64s, and Windows paths.
 */
import assert from "node:assert/strict";
import { CONDITIONS, ENUMS, FLAGS } from "../../ffi/constants.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { guidToBytes } from "../../ffi/guid.ts";
import { loadLibrary, resolveLibrary } from "../../ffi/library.ts";
import { systemDirectory } from "../../ffi/kernel32.ts";
import { simHooks } from "../support/simHooks.ts";
import type { ProviderContext, Tunnel } from "../../modules/graph/graph.ts";
import { NON_ASCII_NAME, objectSet, TEST_NET_1 } from "../support/objectSet.ts";
import { checkFilter, checkProvider, checkProviderContext, checkSublayer } from "../support/roundtrip.ts";

const onWindows = Deno.build.os === "windows";
if (!onWindows) console.log(`tests/wine: skipped, they need the Windows deno.exe (this is ${Deno.build.os})`);

const systemRoot = onWindows ? Deno.env.get("SystemRoot") ?? "C:\\Windows" : "";
// Production takes System32 from GetSystemDirectoryW (ffi/kernel32.ts); it names the same folder as
// %SystemRoot%\System32 when the environment is untouched (checked below, case-insensitively).
const system32Dll = onWindows ? `${systemDirectory()}\\fwpuclnt.dll` : "";

/** A Win64 test against a fresh simulator; must release every engine allocation. */
function wineTest(name: string, fn: () => void | Promise<void>): void {
  Deno.test({
    name: onWindows ? name : `${name} (skipped: needs the Windows deno.exe under Wine)`,
    ignore: !onWindows,
    async fn() {
      const hooks = simHooks(loadLibrary())!;
      hooks.reset();
      try {
        await fn();
      } finally {
        hooks.reset();
      }
      assert.equal(hooks.outstandingAllocations(), 0n, "engine memory not released with FwpmFreeMemory0");
    },
  });
}

Deno.test({
  name: onWindows
    ? "production's library choice on Windows is %SystemRoot%\\System32\\fwpuclnt.dll by absolute path, and here that file is fwpsim"
    : "library choice on Windows (skipped: needs the Windows deno.exe under Wine)",
  ignore: !onWindows,
  fn() {
    assert.equal(Deno.build.target, "x86_64-pc-windows-msvc");
    const choice = resolveLibrary();
    assert.deepStrictEqual(choice, { path: system32Dll, requested: "windows" });
    assert.equal(choice.path.toLowerCase(), `${systemRoot}\\System32\\fwpuclnt.dll`.toLowerCase());
    assert.match(choice.path, /^[A-Za-z]:\\/, "an absolute path, so the DLL search order never applies");

    // Exactly what production does: no simulator flag, no library override.
    const engine = openEngine({ dynamic: true });
    try {
      // Wine's builtin fwpuclnt would have failed the open with RPC_S_CANNOT_SUPPORT (1764): this is ours.
      assert.equal(engine.info.source, system32Dll);
      assert.equal(engine.info.kind, "fwpsim", "a library exporting Sim* hooks is reported as the simulator");
      assert.equal(engine.info.simulated, true);
      assert.match(engine.info.description, /simulator, not Windows/);
      assert.ok(simHooks(engine.library), "the Sim* exports resolve in System32's fwpuclnt.dll");
    } finally {
      engine.close();
    }
  },
});

wineTest("every object kind crosses the Win64 boundary and reads back field for field", () => {
  const set = objectSet("wine-abi");
  const engine = openEngine({ dynamic: true });
  try {
    const ids = engine.transaction(() => {
      engine.addProvider(set.provider);
      engine.addSublayer(set.sublayer);
      const mm = engine.addProviderContext(set.mainMode);
      const qm = engine.addProviderContext(set.quickMode);
      return { mm, qm, filters: set.filters.map((f) => engine.addFilter(f)) };
    });
    checkProvider(set.provider, engine.getProvider(set.provider.providerKey));
    checkSublayer(set.sublayer, engine.getSublayer(set.sublayer.subLayerKey));
    const mm = engine.getProviderContext(set.mainMode.providerContextKey);
    const qm = engine.getProviderContext(set.quickMode.providerContextKey);
    checkProviderContext(set.mainMode, mm);
    checkProviderContext(set.quickMode, qm);
    assert.equal(mm?.providerContextId, ids.mm);
    assert.equal(qm?.providerContextId, ids.qm);
    set.filters.forEach((f, i) => checkFilter(f, engine.getFilter(f.filterKey), ids.filters[i]));

    // The names went through UTF-16 with characters outside the BMP (surrogate pairs).
    assert.ok(engine.getProvider(set.provider.providerKey)!.displayData.name.endsWith(NON_ASCII_NAME));
  } finally {
    engine.close();
  }
});

wineTest(
  "the calling convention is Win64: a 16-byte GUID passed by value reaches the callee by reference",
  () => {
    // Win64 passes aggregates larger than 8 bytes as a pointer to a caller-made copy; System V would pass
    // these 16 bytes in two registers and the callee would dereference half a GUID. So the same wrong-looking
    // declaration works only on Windows: proof that the Windows ABI, not the Linux one, is in use here.
    const { provider } = objectSet("wine-byref");
    const engine = openEngine({ dynamic: true });
    const lib = Deno.dlopen(system32Dll, {
      FwpmProviderGetByKey0: {
        parameters: ["pointer", {
          struct: ["u32", "u16", "u16", "u8", "u8", "u8", "u8", "u8", "u8", "u8", "u8"],
        }, "buffer"],
        result: "u32",
      },
      FwpmEngineOpen0: { parameters: ["buffer", "u32", "pointer", "buffer", "buffer"], result: "u32" },
      FwpmEngineClose0: { parameters: ["pointer"], result: "u32" },
      FwpmFreeMemory0: { parameters: ["buffer"], result: "void" },
    });
    try {
      engine.transaction(() => engine.addProvider(provider));
      const handle = new BigUint64Array(1);
      assert.equal(lib.symbols.FwpmEngineOpen0(null, 10, null, null, handle), 0);
      const h = Deno.UnsafePointer.create(handle[0]);
      const out = new BigUint64Array(1);
      try {
        assert.equal(lib.symbols.FwpmProviderGetByKey0(h, guidToBytes(provider.providerKey), out), 0);
        assert.notEqual(out[0], 0n);
      } finally {
        if (out[0] !== 0n) lib.symbols.FwpmFreeMemory0(out);
        lib.symbols.FwpmEngineClose0(h);
      }
    } finally {
      engine.close();
      lib.close();
    }
  },
);

wineTest(
  "FwpmFilterEnum0 (5th argument on the stack) pages back exactly the filters added, by u64 id",
  () => {
    const set = objectSet("wine-enum");
    const engine = openEngine({ dynamic: true });
    try {
      const ids = engine.transaction(() => {
        engine.addProvider(set.provider);
        engine.addSublayer(set.sublayer);
        engine.addProviderContext(set.mainMode);
        engine.addProviderContext(set.quickMode);
        return set.filters.map((f) => engine.addFilter(f));
      });
      for (const id of ids) assert.equal(typeof id, "bigint");
      const listed = engine.enumFilters({ providerKey: set.provider.providerKey });
      assert.deepStrictEqual(
        listed.map((f) => [f.filterKey, f.filterId]).sort(),
        set.filters.map((f, i) => [f.filterKey, ids[i]]).sort(),
      );
      const byLayer = engine.enumFilters({
        providerKey: set.provider.providerKey,
        layerKey: set.filters[0].layerKey,
      });
      assert.deepStrictEqual(byLayer.map((f) => f.filterKey), [set.filters[0].filterKey]);

      // FwpmFilterDeleteById0 takes the UINT64 by value.
      engine.deleteFilterById(ids[2]);
      assert.equal(engine.getFilter(set.filters[2].filterKey), undefined);
      assert.equal(engine.enumFilters({ providerKey: set.provider.providerKey }).length, 2);
    } finally {
      engine.close();
    }
  },
);

function tunnelOf(providerKey: string): Tunnel {
  const DT = ENUMS.FWP_DATA_TYPE;
  const mainMode: ProviderContext = {
    providerContextKey: crypto.randomUUID(),
    displayData: { name: `wine tunnel main mode ${NON_ASCII_NAME}` },
    flags: 0,
    providerKey,
    type: ENUMS.FWPM_PROVIDER_CONTEXT_TYPE.FWPM_IPSEC_IKEV2_MM_CONTEXT,
    ikeV2MmPolicy: {
      softExpirationTime: 0,
      authenticationMethods: [{
        authenticationMethodType: ENUMS.IKEEXT_AUTHENTICATION_METHOD_TYPE.IKEEXT_PRESHARED_KEY,
        // A test-only value; real keys come by reference and never appear in a fixture.
        presharedKeyAuthentication: {
          presharedKey: new TextEncoder().encode("wine-abi-test-only"),
          flags: 0,
        },
      }],
      initiatorImpersonationType: 0,
      ikeProposals: [{
        cipherAlgorithm: {
          algoIdentifier: ENUMS.IKEEXT_CIPHER_TYPE.IKEEXT_CIPHER_AES_256,
          keyLen: 0,
          rounds: 0,
        },
        integrityAlgorithm: { algoIdentifier: ENUMS.IKEEXT_INTEGRITY_TYPE.IKEEXT_INTEGRITY_SHA_256 },
        maxLifetimeSeconds: 28800,
        dhGroup: ENUMS.IKEEXT_DH_GROUP.IKEEXT_DH_ECP_384,
        quickModeLimit: 0,
      }],
      flags: 0,
      maxDynamicFilters: 0,
      retransmitDurationSecs: 120, // IKEEXT_POLICY2: IKEv2 needs at least 120
    },
  };
  const tunnelPolicy: ProviderContext = {
    providerContextKey: crypto.randomUUID(),
    displayData: { name: "wine tunnel quick mode" },
    flags: 0,
    providerKey,
    type: ENUMS.FWPM_PROVIDER_CONTEXT_TYPE.FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
    ikeV2QmTunnelPolicy: {
      flags: 0,
      ipsecProposals: [{
        lifetime: { lifetimeSeconds: 3600, lifetimeKilobytes: 100000, lifetimePackets: 0x7fffffff },
        saTransforms: [{
          ipsecTransformType: ENUMS.IPSEC_TRANSFORM_TYPE.IPSEC_TRANSFORM_ESP_AUTH_AND_CIPHER,
          espAuthAndCipherTransform: {
            authTransform: {
              authTransformId: { authType: ENUMS.IPSEC_AUTH_TYPE.IPSEC_AUTH_SHA_256, authConfig: 2 },
            },
            cipherTransform: {
              cipherTransformId: {
                cipherType: ENUMS.IPSEC_CIPHER_TYPE.IPSEC_CIPHER_TYPE_AES_256,
                cipherConfig: 5,
              },
            },
          },
        }],
        pfsGroup: ENUMS.IPSEC_PFS_GROUP.IPSEC_PFS_ECP_384,
      }],
      tunnelEndpoints: {
        ipVersion: ENUMS.FWP_IP_VERSION.FWP_IP_VERSION_V4,
        localV4Address: (198 << 24 | 51 << 16 | 100 << 8 | 1) >>> 0,
        remoteV4Address: (203 << 24 | 0 << 16 | 113 << 8 | 9) >>> 0,
        // A LUID with its high dword set: a UINT64 inside a struct.
        localIfLuid: 0x0006_0000_0100_0007n,
        remoteAddresses: [],
      },
      saIdleTimeout: { idleTimeoutSeconds: 300, idleTimeoutSecondsFailOver: 60 },
      fwdPathSaLifetime: 0,
      compartmentId: 0,
      trafficSelectorPolicies: [],
    },
  };
  return {
    flags: FLAGS.FWPM_TUNNEL_FLAG.FWPM_TUNNEL_FLAG_POINT_TO_POINT,
    mainModePolicy: mainMode,
    tunnelPolicy,
    filterConditions: [
      {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_REMOTE_ADDRESS,
        matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
        conditionValue: { type: DT.FWP_V4_ADDR_MASK, v4AddrMask: { addr: TEST_NET_1, mask: 0xffffff00 } },
      },
      {
        fieldKey: CONDITIONS.FWPM_CONDITION_IP_LOCAL_ADDRESS,
        matchType: ENUMS.FWP_MATCH_TYPE.FWP_MATCH_EQUAL,
        conditionValue: { type: DT.FWP_UINT32, uint32: (198 << 24 | 51 << 16 | 100 << 8 | 1) >>> 0 },
      },
    ],
  };
}

wineTest(
  "FwpmIPsecTunnelAdd3 (8 arguments, 4 on the stack) installs the tunnel's contexts and filters",
  () => {
    const set = objectSet("wine-tunnel");
    const engine = openEngine({ dynamic: true });
    try {
      engine.transaction(() => engine.addProvider(set.provider));
      const tunnel = tunnelOf(set.provider.providerKey);
      const before = engine.enumFilters().length;
      engine.transaction(() => engine.addTunnel(tunnel));

      checkProviderContext(
        tunnel.mainModePolicy!,
        engine.getProviderContext(tunnel.mainModePolicy!.providerContextKey),
      );
      checkProviderContext(
        tunnel.tunnelPolicy,
        engine.getProviderContext(tunnel.tunnelPolicy.providerContextKey),
      );
      const added = engine.enumFilters().length - before;
      assert.ok(added > 0, "the tunnel's filters were instantiated from the conditions passed on the stack");

      engine.transaction(() => engine.deleteTunnel(tunnel.tunnelPolicy.providerContextKey));
      assert.equal(engine.getProviderContext(tunnel.tunnelPolicy.providerContextKey), undefined);
      assert.equal(engine.enumFilters().length, before);
    } finally {
      engine.close();
    }
  },
);

wineTest("Windows paths: app ids from drive-letter and UNC paths, UTF-16 all the way", () => {
  const engine = openEngine({ dynamic: true });
  try {
    const utf16 = (b: Uint8Array) => new TextDecoder("utf-16le").decode(b);
    assert.equal(
      utf16(engine.appIdFromFileName("C:\\Program Files\\Wfpsec Ünï\\WFPSEC.exe")),
      "\\device\\harddiskvolume1\\program files\\wfpsec ünï\\wfpsec.exe\0",
    );
    assert.equal(
      utf16(engine.appIdFromFileName("\\\\fileserver\\share\\tool.exe")),
      "\\device\\mup\\fileserver\\share\\tool.exe\0",
    );
  } finally {
    engine.close();
  }
});

wineTest(
  "a persistent object survives into another Windows process through a Windows state-file path",
  async () => {
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-wine-" });
    assert.match(dir, /^[A-Za-z]:\\/, "Deno hands out Windows paths under Wine");
    const statePath = `${dir}\\fwpsim-state.bin`;
    const hooks = simHooks(loadLibrary())!;
    hooks.setStatePath(statePath);
    const set = objectSet("wine-persist");
    const provider = { ...set.provider, flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_PERSISTENT };
    try {
      const engine = openEngine();
      try {
        engine.transaction(() => engine.addProvider(provider));
      } finally {
        engine.close();
      }
      assert.ok(Deno.statSync(statePath).size > 0, "the commit wrote the state file");

      // A second Windows deno.exe process loads System32's fwpuclnt.dll and reads the state back.
      const script = `
      import { openEngine } from ${
        JSON.stringify(new URL("../../modules/engine/ffi.ts", import.meta.url).href)
      };
      const e = openEngine();
      const p = e.getProvider(${JSON.stringify(provider.providerKey)});
      e.close();
      console.log(JSON.stringify({ kind: e.info.kind, name: p?.displayData.name, flags: p?.flags }));`;
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["eval", "--ext=ts", script],
        env: { FWPSIM_STATE: statePath },
        stdin: "null",
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      assert.deepStrictEqual(JSON.parse(new TextDecoder().decode(out.stdout)), {
        kind: "fwpsim",
        name: provider.displayData.name,
        flags: provider.flags,
      });
    } finally {
      const engine = openEngine();
      try {
        engine.transaction(() => engine.deleteProvider(provider.providerKey));
      } finally {
        engine.close();
        hooks.setStatePath(null);
        Deno.removeSync(dir, { recursive: true });
      }
    }
  },
);
