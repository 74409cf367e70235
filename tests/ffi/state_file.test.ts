/**
 * fwpsim's state file against corruption (issue 13): a rich state file (every provider-context type, every
 * condition value type, a manual SA pair) is mutated ~300 ways — truncated, bytes flipped, length and count
 * fields changed, pointers moved — and loaded. Every mutation either loads (and then enumerates and frees
 * cleanly) or is refused with ERROR_FILE_CORRUPT and a reason; fwpsim never crashes (the ffi-asan stage runs
 * this file under AddressSanitizer: zero reports). The mutations that keep the checksum valid ("resealed")
 * exercise the structural checks behind it. The product reports a refusal as a readable SimStateError.
 */
import assert from "node:assert/strict";
import { hooks, lib, simTest } from "./helpers.ts";
import { openEngine } from "../../modules/engine/ffi.ts";
import { loadPolicy } from "../../modules/policy/mod.ts";
import { compilePolicy } from "../../modules/compiler/mod.ts";
import { saBundle, saTraffic } from "../../modules/apply/apply.ts";
import { ENUMS, ERRORS, FLAGS, LAYERS } from "../../ffi/constants.ts";
import { setSimStatePath, SimStateError } from "../../ffi/fwpsim.ts";
import {
  aleV4Conditions,
  permitFilter,
  provider,
  providerContexts,
  sublayer,
  transportFilter,
  v6Conditions,
} from "./fixtures.ts";

const CORRUPT = ERRORS.ERROR_FILE_CORRUPT.code;
const P = 0x1; // every *_FLAG_PERSISTENT is 0x1
const HDR = 56, REC = 48; // FileHdr and RecHdr sizes (tests/support/fwpsim/engine.c)

const SA_POLICY = `version: 1
name: ffi-state-file
manualSas:
  - name: peer
    local: 10.1.1.1
    remote: 10.2.2.2
    inbound: { spi: 0x1001, transform: ah-sha256, key: { env: X } }
    outbound: { spi: 0x2002, transform: esp-aes256-sha256, key: { env: Y } }
`;

/** Writes a state file holding one of everything; returns its bytes. */
function richState(statePath: string): Uint8Array {
  const engine = openEngine({ simulator: true, library: lib.path });
  try {
    const graph = compilePolicy(loadPolicy(SA_POLICY, "ffi.yaml").policy);
    engine.transaction(() => {
      engine.addProvider({ ...provider, flags: P });
      engine.addSublayer({ ...sublayer, flags: P });
      for (const c of providerContexts) engine.addProviderContext({ ...c, flags: c.flags | P });
      const t = transportFilter(1, aleV4Conditions.slice(0, 5));
      engine.addFilter({ ...t, flags: t.flags | P });
      engine.addFilter({ ...permitFilter(2), filterCondition: aleV4Conditions, flags: P });
      engine.addFilter({
        ...permitFilter(3),
        layerKey: LAYERS.FWPM_LAYER_ALE_AUTH_CONNECT_V6,
        filterCondition: v6Conditions,
        weight: { type: ENUMS.FWP_DATA_TYPE.FWP_EMPTY },
        flags: P,
      });
      engine.addFilter({ ...permitFilter(4), flags: P });
      engine.addProvider(graph.provider);
      engine.addSublayer(graph.sublayer);
      for (const f of graph.filters) engine.addFilter(f);
    });
    const m = graph.manualSas[0];
    const outId = engine.getFilter(m.outboundFilterKey)!.filterId!;
    const inId = engine.getFilter(m.inboundFilterKey)!.filterId!;
    const sa = engine.sa!;
    const id = sa.createSaContext(saTraffic(m, outId), inId);
    sa.setSaContextSpi(id, saTraffic(m, inId), m.inbound.spi);
    sa.addSaContextInbound(id, saBundle(m, m.inbound, new Uint8Array(32).fill(1)));
    sa.addSaContextOutbound(id, saBundle(m, m.outbound, new Uint8Array(64).fill(2)));
  } finally {
    engine.close();
  }
  return Deno.readFileSync(statePath);
}

/** FNV-1a 64 of the body, written into the header: a mutation that keeps the file's checksum valid. */
function reseal(b: Uint8Array): Uint8Array {
  if (b.length < HDR || new TextDecoder().decode(b.subarray(0, 8)) !== "FWPSIMS2") return b;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let h = 0xcbf29ce484222325n;
  for (let i = HDR; i < b.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(b[i])) * 0x100000001b3n);
  v.setBigUint64(40, BigInt(b.length - HDR), true);
  v.setBigUint64(48, h, true);
  return b;
}

/** Deterministic PRNG (xorshift32), so a failure names the same mutation on every run. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** The records' offsets, kinds, old base addresses and sizes. */
function records(b: Uint8Array): { at: number; kind: number; base: bigint; size: number }[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = [];
  let off = HDR;
  for (let i = 0; i < v.getUint32(12, true); i++) {
    const size = Number(v.getBigUint64(off + 40, true));
    out.push({ at: off, kind: v.getUint32(off, true), base: v.getBigUint64(off + 32, true), size });
    off += REC + ((size + 7) & ~7);
    // REC_SD (flag 4): the object's security descriptor record follows (u64 size, bytes, pad to 8).
    if (v.getUint32(off - REC - ((size + 7) & ~7) + 4, true) & 4) {
      off += 8 + ((Number(v.getBigUint64(off, true)) + 7) & ~7);
    }
  }
  return out;
}

interface Mutant {
  what: string;
  bytes: Uint8Array;
  /** resealed: the checksum matches, only the structural checks can refuse it */
  resealed: boolean;
}

function mutants(good: Uint8Array): Mutant[] {
  const r = rng(0x5eed1234);
  const out: Mutant[] = [];
  const recs = records(good);
  const copy = () => good.slice();
  // truncations: header edges, record edges, random points
  const cuts = new Set([0, 1, 7, 8, HDR - 1, HDR, HDR + 1, good.length - 1, good.length - 8]);
  for (const rec of recs) for (const d of [0, 4, REC, REC + 8]) cuts.add(rec.at + d);
  while (cuts.size < 50) cuts.add(r(good.length));
  for (const n of cuts) {
    if (n < good.length) out.push({ what: `truncated to ${n}`, bytes: good.slice(0, n), resealed: false });
  }
  // raw byte flips (the checksum catches them)
  for (let i = 0; i < 70; i++) {
    const b = copy(), at = r(b.length), x = 1 + r(255);
    b[at] ^= x;
    out.push({ what: `byte ${at} ^= ${x}`, bytes: b, resealed: false });
  }
  // resealed byte flips inside records
  for (let i = 0; i < 90; i++) {
    const b = copy(), at = HDR + r(b.length - HDR), x = 1 << r(8);
    b[at] ^= x;
    out.push({ what: `byte ${at} ^= ${x}, resealed`, bytes: reseal(b), resealed: true });
  }
  // resealed length and count fields
  const lengths: [string, (v: DataView) => void][] = [
    ["count + 1", (v) => v.setUint32(12, v.getUint32(12, true) + 1, true)],
    ["count - 1", (v) => v.setUint32(12, v.getUint32(12, true) - 1, true)],
    ["count = 2^32-1", (v) => v.setUint32(12, 0xffffffff, true)],
    ["nextFilterId = 1", (v) => v.setBigUint64(16, 1n, true)],
    ["nextContextId = 0", (v) => v.setBigUint64(24, 0n, true)],
    ["nextSaContextId = 1", (v) => v.setBigUint64(32, 1n, true)],
    ["version 1", (v) => v.setUint32(8, 1, true)],
  ];
  for (const [i, rec] of recs.entries()) {
    lengths.push([`record ${i} size + 8`, (v) => v.setBigUint64(rec.at + 40, BigInt(rec.size + 8), true)]);
    lengths.push([`record ${i} size - 8`, (v) => v.setBigUint64(rec.at + 40, BigInt(rec.size - 8), true)]);
    lengths.push([`record ${i} size 2^63`, (v) => v.setBigUint64(rec.at + 40, 1n << 63n, true)]);
    lengths.push([`record ${i} kind 9`, (v) => v.setUint32(rec.at, 9, true)]);
    lengths.push([`record ${i} base + 8`, (v) => v.setBigUint64(rec.at + 32, rec.base + 8n, true)]);
    // a u32 count-like field at a random aligned spot of the payload
    const at = rec.at + REC + 4 * r(rec.size >> 2);
    lengths.push([`record ${i} u32 at ${at} = 0x7fffffff`, (v) => v.setUint32(at, 0x7fffffff, true)]);
  }
  for (const [what, f] of lengths) {
    const b = copy();
    f(new DataView(b.buffer));
    out.push({ what: `${what}, resealed`, bytes: reseal(b), resealed: true });
  }
  // resealed pointer moves: an aligned 8-byte field inside a record's payload becomes an address inside the
  // record (aliasing, overlap, a cycle), just past it, or a wild one
  for (let i = 0; i < 40; i++) {
    const rec = recs[r(recs.length)];
    const b = copy(), v = new DataView(b.buffer);
    const at = rec.at + REC + 8 * r(Math.max(1, rec.size >> 3));
    const to = [
      rec.base + BigInt(8 * r(Math.max(1, rec.size >> 3))),
      rec.base + BigInt(rec.size),
      0x4141414141n,
    ][r(3)];
    if (at + 8 <= rec.at + REC + rec.size) v.setBigUint64(at, to, true);
    out.push({ what: `u64 at ${at} = 0x${to.toString(16)}, resealed`, bytes: reseal(b), resealed: true });
  }
  return out;
}

simTest(
  "250+ corrupted state files: each loads cleanly or is refused with ERROR_FILE_CORRUPT, never a crash",
  ({ engine, statePath }) => {
    engine.close(); // the loop resets the simulator between files
    const good = richState(statePath);
    assert.ok(records(good).some((x) => x.kind === 4), "the file holds an SA context record");
    const all = mutants(good);
    assert.ok(all.length >= 250, `${all.length} mutations`);
    const dir = Deno.makeTempDirSync({ prefix: "wfpsec-mut-" });
    const tally = { loaded: 0, refused: 0, refusedResealed: 0, decodeErrors: 0 };
    const reasons = new Map<string, number>();
    for (const [i, m] of all.entries()) {
      const path = `${dir}/m${i}.state`;
      Deno.writeFileSync(path, m.bytes);
      hooks.reset();
      const rc = hooks.trySetStatePath(path);
      if (rc === CORRUPT) {
        const why = hooks.stateProblem();
        assert.ok(why.length > 0, `${m.what}: refused without a reason`);
        const reason = why.replace(/^record \d+ (\([^)]*\) )?at byte \d+: /, "");
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        tally.refused++;
        if (m.resealed) tally.refusedResealed++;
        continue;
      }
      assert.equal(rc, 0, `${m.what}: status 0x${rc.toString(16)}`);
      tally.loaded++;
      // what loaded is usable: every object and SA comes back and is freed exactly once
      const engine = openEngine({ simulator: true, library: lib.path });
      try {
        engine.enumProviders();
        engine.enumSublayers();
        engine.enumProviderContexts();
        engine.enumFilters();
        engine.sa!.enumSaContexts();
        engine.sa!.enumIpsecSas();
      } catch (e) {
        // a flipped enum value the decoder does not know is the decoder's business, never fwpsim's crash
        assert.ok(e instanceof Error, `${m.what}: ${e}`);
        tally.decodeErrors++;
      } finally {
        engine.close();
      }
      assert.equal(hooks.outstandingAllocations(), 0n, `${m.what}: leaked engine memory`);
    }
    console.log(`state file mutations: ${all.length} tried, ${JSON.stringify(tally)}`);
    console.log(`refusal reasons: ${JSON.stringify(Object.fromEntries(reasons))}`);
    assert.equal(tally.loaded + tally.refused, all.length);
    assert.ok(tally.refusedResealed > 30, "the structural checks behind the checksum refuse resealed damage");
    assert.ok(tally.loaded > 0, "harmless resealed flips (a name's character, a key byte) still load");
    hooks.setStatePath(statePath);
  },
);

simTest(
  "a file corrupted under a running engine fails reads and writes closed, changing nothing",
  ({ engine, statePath }) => {
    const good = richState(statePath);
    const filters = engine.enumFilters().length;
    Deno.writeFileSync(statePath, good.slice(0, good.length - 3)); // truncated in place
    assert.throws(() => engine.enumFilters(), /ERROR_FILE_CORRUPT/);
    assert.throws(() => engine.sa!.enumSaContexts(), /ERROR_FILE_CORRUPT/);
    assert.throws(
      () => engine.addProvider({ ...provider, providerKey: "5f2c8d2e-8f0b-4b8a-9a51-3d6f0e1c2aff" }),
      /ERROR_FILE_CORRUPT/,
    );
    assert.match(hooks.stateProblem(), /truncated or extended/);
    assert.deepEqual(
      Deno.readFileSync(statePath),
      good.slice(0, good.length - 3),
      "the refused file is left as it is",
    );
    Deno.writeFileSync(statePath, good); // restored: everything is back, the SA pair included
    assert.equal(engine.enumFilters().length, filters);
    assert.equal(engine.sa!.enumSaContexts().length, 1);
  },
);

simTest(
  "the product reports a corrupt state file by name and reason (SimStateError), not as a bare code",
  ({ engine, statePath }) => {
    const good = richState(statePath);
    engine.close();
    const v = new DataView(good.buffer);
    v.setBigUint64(HDR + 32, 0x4141414141n, true); // the first record's base: every pointer leads outside it
    const badPath = `${statePath}.corrupt`;
    Deno.writeFileSync(badPath, reseal(good));
    hooks.reset();
    let err: unknown;
    try {
      setSimStatePath(lib.path, badPath);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof SimStateError, String(err));
    assert.equal(err.code, CORRUPT);
    assert.match(
      err.message,
      new RegExp(
        `^fwpsim state file ${escapeRe(badPath)} is corrupt \\(record 0 \\(provider\\) at byte 56: .+\\)`,
      ),
    );
    assert.ok(!/0x6d9|0x570/.test(err.message), err.message);
    hooks.setStatePath(statePath);
  },
);

simTest("a provider cannot be added with FWPM_PROVIDER_FLAG_DISABLED (only BFE sets it)", ({ engine }) => {
  assert.throws(
    () => engine.addProvider({ ...provider, flags: FLAGS.FWPM_PROVIDER_FLAG.FWPM_PROVIDER_FLAG_DISABLED }),
    /FWP_E_INVALID_FLAGS/,
  );
});

/** `text` as a literal inside a RegExp (Windows paths carry backslashes). */
function escapeRe(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
