/**
 * SDDL <-> self-relative SECURITY_DESCRIPTOR bytes, in pure TypeScript.
 *
 * wfpsec compiles identity-authorization SDDL into `FWP_SECURITY_DESCRIPTOR_TYPE` condition values without
 * calling advapi32, so compiling works on any OS and gives the same bytes everywhere. Supported: owner,
 * group, DACL and SACL with allow/deny/audit ACEs, ACE flags, hex or lettered access masks, SIDs as
 * `S-1-...` or well-known machine-independent aliases. Domain-relative aliases (DA, DU, ...) need the
 * domain SID, which only Windows knows: they are refused with a message saying to write the full SID.
 * Layout as RtlMakeSelfRelativeSD writes it: 20-byte header, then SACL, DACL, owner, group.
 */
import { MISC } from "./constants.ts";
import { type ErrorType, WfpsecError } from "./wfpsecError.ts";

/**
 * Thrown for SDDL the encoder cannot represent. The validator turns it into a located PolicyError
 * diagnostic; one reaching the CLI otherwise (decoding an engine's descriptor) is a bug: JSON type `Error`.
 */
export class SddlError extends WfpsecError {
  /** The CLI's JSON `error.type`. */
  override readonly type: ErrorType = "Error";
}

const ALIASES: Record<string, string> = {
  WD: "S-1-1-0", // Everyone
  CO: "S-1-3-0",
  CG: "S-1-3-1",
  NU: "S-1-5-2",
  IU: "S-1-5-4",
  SU: "S-1-5-6",
  AN: "S-1-5-7",
  ED: "S-1-5-9",
  PS: "S-1-5-10",
  AU: "S-1-5-11",
  RC: "S-1-5-12",
  SY: "S-1-5-18",
  LS: "S-1-5-19",
  NS: "S-1-5-20",
  BA: "S-1-5-32-544",
  BU: "S-1-5-32-545",
  BG: "S-1-5-32-546",
  PU: "S-1-5-32-547",
  AO: "S-1-5-32-548",
  SO: "S-1-5-32-549",
  PO: "S-1-5-32-550",
  BO: "S-1-5-32-551",
  RE: "S-1-5-32-552",
  RU: "S-1-5-32-554",
  RD: "S-1-5-32-555",
  NO: "S-1-5-32-556",
};
const DOMAIN_ALIASES = new Set([
  "DA",
  "DG",
  "DU",
  "DC",
  "DD",
  "CA",
  "EA",
  "SA",
  "PA",
  "RS",
  "LA",
  "LG",
  "CN",
  "AP",
  "RO",
]);

const RIGHTS: Record<string, number> = {
  GA: 0x10000000,
  GX: 0x20000000,
  GW: 0x40000000,
  GR: 0x80000000,
  SD: 0x00010000,
  RC: 0x00020000,
  WD: 0x00040000,
  WO: 0x00080000,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  KA: 0xf003f,
  KR: 0x20019,
  KW: 0x20006,
  KX: 0x20019,
};
const ACE_TYPES: Record<string, number> = {
  A: MISC.ACCESS_ALLOWED_ACE_TYPE,
  D: MISC.ACCESS_DENIED_ACE_TYPE,
  AU: MISC.SYSTEM_AUDIT_ACE_TYPE,
};
const ACE_FLAGS: Record<string, number> = {
  OI: 0x1,
  CI: 0x2,
  NP: 0x4,
  IO: 0x8,
  ID: 0x10,
  SA: 0x40,
  FA: 0x80,
};
const SE_DACL_PRESENT = 0x4, SE_SACL_PRESENT = 0x10, SE_DACL_AUTO_INHERIT_REQ = 0x100;
const SE_SACL_AUTO_INHERIT_REQ = 0x200, SE_DACL_AUTO_INHERITED = 0x400, SE_SACL_AUTO_INHERITED = 0x800;
const SE_DACL_PROTECTED = 0x1000, SE_SACL_PROTECTED = 0x2000, SE_SELF_RELATIVE = 0x8000;

function sidBytes(text: string): Uint8Array {
  const s = ALIASES[text] ?? text;
  if (DOMAIN_ALIASES.has(text)) {
    throw new SddlError(`SID alias '${text}' is relative to a domain; write the full SID (S-1-5-21-...)`);
  }
  const m = /^S-1-(\d+)((?:-\d+){0,15})$/i.exec(s);
  if (!m) throw new SddlError(`'${text}' is not a SID (S-1-...) or a known alias`);
  const auth = BigInt(m[1]);
  if (auth >= 1n << 48n) throw new SddlError(`SID authority in '${text}' is too large`);
  const subs = m[2] ? m[2].slice(1).split("-").map(Number) : [];
  if (subs.some((x) => x > 0xffffffff)) throw new SddlError(`sub-authority in '${text}' exceeds 32 bits`);
  const b = new Uint8Array(8 + 4 * subs.length);
  b[0] = 1;
  b[1] = subs.length;
  for (let i = 0; i < 6; i++) b[2 + i] = Number((auth >> BigInt(8 * (5 - i))) & 0xffn);
  const dv = new DataView(b.buffer);
  subs.forEach((x, i) => dv.setUint32(8 + 4 * i, x, true));
  return b;
}

function sidText(b: Uint8Array, off: number): { text: string; size: number } {
  if (off + 8 > b.length || b[off] !== 1) throw new SddlError("malformed SID in security descriptor");
  const n = b[off + 1];
  if (off + 8 + 4 * n > b.length) throw new SddlError("truncated SID in security descriptor");
  let auth = 0n;
  for (let i = 0; i < 6; i++) auth = (auth << 8n) | BigInt(b[off + 2 + i]);
  const dv = new DataView(b.buffer, b.byteOffset);
  const subs: number[] = [];
  for (let i = 0; i < n; i++) subs.push(dv.getUint32(off + 8 + 4 * i, true));
  return { text: `S-1-${auth}${subs.map((x) => "-" + x).join("")}`, size: 8 + 4 * n };
}

interface Ace {
  type: number;
  flags: number;
  mask: number;
  sid: Uint8Array;
}
interface Acl {
  controlFlags: number;
  aces: Ace[];
}

function parseMask(s: string): number {
  if (/^0x[0-9a-f]+$/i.test(s)) {
    const v = parseInt(s, 16);
    if (v > 0xffffffff) throw new SddlError(`access mask ${s} exceeds 32 bits`);
    return v;
  }
  let mask = 0;
  for (let i = 0; i < s.length; i += 2) {
    const r = RIGHTS[s.slice(i, i + 2)];
    if (r === undefined) throw new SddlError(`unknown access right '${s.slice(i, i + 2)}' in '${s}'`);
    mask = (mask | r) >>> 0;
  }
  return mask;
}

function parseAcl(text: string, isSacl: boolean): Acl {
  const m = /^([A-Z]*)((?:\([^()]*\))*)$/.exec(text);
  if (!m) throw new SddlError(`malformed ACL '${text}'`);
  let controlFlags = 0;
  for (let i = 0; i < m[1].length;) {
    if (m[1].startsWith("AR", i)) {
      controlFlags |= isSacl ? SE_SACL_AUTO_INHERIT_REQ : SE_DACL_AUTO_INHERIT_REQ, i += 2;
    } else if (m[1].startsWith("AI", i)) {
      controlFlags |= isSacl ? SE_SACL_AUTO_INHERITED : SE_DACL_AUTO_INHERITED, i += 2;
    } else if (m[1][i] === "P") controlFlags |= isSacl ? SE_SACL_PROTECTED : SE_DACL_PROTECTED, i += 1;
    else throw new SddlError(`unknown ACL flag in '${m[1]}' (allowed: P, AI, AR)`);
  }
  const aces: Ace[] = [];
  for (const am of m[2].matchAll(/\(([^()]*)\)/g)) {
    const f = am[1].split(";");
    if (f.length !== 6) throw new SddlError(`ACE '(${am[1]})' must have 6 fields: type;flags;rights;;;sid`);
    const type = ACE_TYPES[f[0]];
    if (type === undefined) throw new SddlError(`ACE type '${f[0]}' is not supported (allowed: A, D, AU)`);
    if ((type === MISC.SYSTEM_AUDIT_ACE_TYPE) !== isSacl) {
      throw new SddlError(`ACE type '${f[0]}' does not belong in a ${isSacl ? "SACL" : "DACL"}`);
    }
    if (f[3] || f[4]) throw new SddlError("object ACEs (object/inherited-object GUIDs) are not supported");
    let flags = 0;
    for (let i = 0; i < f[1].length; i += 2) {
      const v = ACE_FLAGS[f[1].slice(i, i + 2)];
      if (v === undefined) throw new SddlError(`unknown ACE flag '${f[1].slice(i, i + 2)}'`);
      flags |= v;
    }
    aces.push({ type, flags, mask: parseMask(f[2]), sid: sidBytes(f[5]) });
  }
  return { controlFlags, aces };
}

/** ACL.AclSize and ACL.AceCount are WORDs: a larger ACL would wrap them and encode a different ACL. */
export const MAX_ACL_BYTES = 0xffff;

function aclBytes(acl: Acl, isSacl: boolean): Uint8Array {
  const size = 8 + acl.aces.reduce((n, a) => n + 8 + a.sid.length, 0);
  if (size > MAX_ACL_BYTES) {
    throw new SddlError(
      `the ${
        isSacl ? "SACL" : "DACL"
      } would take ${size} bytes (${acl.aces.length} ACEs); an ACL holds at most ${MAX_ACL_BYTES} bytes`,
    );
  }
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 2; // ACL_REVISION
  dv.setUint16(2, size, true);
  dv.setUint16(4, acl.aces.length, true);
  let off = 8;
  for (const a of acl.aces) {
    b[off] = a.type;
    b[off + 1] = a.flags;
    dv.setUint16(off + 2, 8 + a.sid.length, true);
    dv.setUint32(off + 4, a.mask, true);
    b.set(a.sid, off + 8);
    off += 8 + a.sid.length;
  }
  return b;
}

/** Converts SDDL to a self-relative security descriptor. Throws SddlError with a precise message. */
export function sddlToSecurityDescriptor(sddl: string): Uint8Array {
  const text = sddl.replace(/\s+/g, "");
  if (!text) throw new SddlError("empty SDDL");
  const parts: Record<string, string> = {};
  const re = /(O|G|D|S):((?:[^():]|\([^()]*\))*?)(?=(?:O|G|D|S):|$)/gy;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== last) break;
    if (m[1] in parts) throw new SddlError(`component '${m[1]}:' appears twice`);
    parts[m[1]] = m[2];
    last = m.index + m[0].length;
  }
  if (last !== text.length) throw new SddlError(`cannot parse SDDL near '${text.slice(last, last + 20)}'`);
  let control = SE_SELF_RELATIVE;
  const owner = parts.O !== undefined ? sidBytes(parts.O) : undefined;
  const group = parts.G !== undefined ? sidBytes(parts.G) : undefined;
  let dacl: Uint8Array | undefined, sacl: Uint8Array | undefined;
  if (parts.D !== undefined) {
    const a = parseAcl(parts.D, false);
    control |= SE_DACL_PRESENT | a.controlFlags;
    dacl = aclBytes(a, false);
  }
  if (parts.S !== undefined) {
    const a = parseAcl(parts.S, true);
    control |= SE_SACL_PRESENT | a.controlFlags;
    sacl = aclBytes(a, true);
  }
  const size = 20 + (sacl?.length ?? 0) + (dacl?.length ?? 0) + (owner?.length ?? 0) + (group?.length ?? 0);
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 1;
  dv.setUint16(2, control, true);
  let off = 20;
  const put = (x: Uint8Array | undefined, field: number) => {
    if (!x) return;
    dv.setUint32(field, off, true);
    b.set(x, off);
    off += x.length;
  };
  put(sacl, 12);
  put(dacl, 16);
  put(owner, 4);
  put(group, 8);
  return b;
}

/**
 * True when the descriptor carries a DACL. Without one (SDDL with no `D:`), Windows grants every access to
 * everyone, so an authorization SDDL must have it.
 */
export function hasDacl(sd: Uint8Array): boolean {
  return sd.length >= 20 &&
    (new DataView(sd.buffer, sd.byteOffset).getUint16(2, true) & SE_DACL_PRESENT) !== 0;
}

const hex = (n: number) => "0x" + n.toString(16);

function aclText(b: Uint8Array, off: number, control: number, isSacl: boolean): string {
  const dv = new DataView(b.buffer, b.byteOffset);
  if (off + 8 > b.length) throw new SddlError("truncated ACL");
  const count = dv.getUint16(off + 4, true);
  let s = "";
  if (control & (isSacl ? SE_SACL_PROTECTED : SE_DACL_PROTECTED)) s += "P";
  if (control & (isSacl ? SE_SACL_AUTO_INHERIT_REQ : SE_DACL_AUTO_INHERIT_REQ)) s += "AR";
  if (control & (isSacl ? SE_SACL_AUTO_INHERITED : SE_DACL_AUTO_INHERITED)) s += "AI";
  let p = off + 8;
  for (let i = 0; i < count; i++) {
    if (p + 8 > b.length) throw new SddlError("truncated ACE");
    const type = b[p], flags = b[p + 1], size = dv.getUint16(p + 2, true), mask = dv.getUint32(p + 4, true);
    const tname = Object.entries(ACE_TYPES).find(([, v]) => v === type)?.[0];
    if (!tname) throw new SddlError(`unsupported ACE type ${type}`);
    const fl = Object.entries(ACE_FLAGS).filter(([, v]) => flags & v).map(([k]) => k).join("");
    s += `(${tname};${fl};${hex(mask)};;;${sidText(b, p + 8).text})`;
    p += size;
  }
  return s;
}

/** Converts a self-relative security descriptor back to SDDL (SIDs numeric, masks hex). */
export function securityDescriptorToSddl(sd: Uint8Array): string {
  if (sd.length < 20 || sd[0] !== 1) throw new SddlError("not a self-relative security descriptor");
  const dv = new DataView(sd.buffer, sd.byteOffset);
  const control = dv.getUint16(2, true);
  if (!(control & SE_SELF_RELATIVE)) throw new SddlError("security descriptor is not self-relative");
  const o = dv.getUint32(4, true),
    g = dv.getUint32(8, true),
    sa = dv.getUint32(12, true),
    da = dv.getUint32(16, true);
  let s = "";
  if (o) s += "O:" + sidText(sd, o).text;
  if (g) s += "G:" + sidText(sd, g).text;
  if (control & SE_DACL_PRESENT) s += "D:" + (da ? aclText(sd, da, control, false) : "");
  if (control & SE_SACL_PRESENT) s += "S:" + (sa ? aclText(sd, sa, control, true) : "");
  return s;
}

/**
 * The security descriptor wfpsec passes for every object it adds: its provider, sublayer, provider contexts
 * (which hold pre-shared keys) and filters (issue 12 rule 6). learn.microsoft.com fwp/access-control: BFE
 * implements the Windows access-control model and "objects inherit ACEs from their container", whose default
 * grants GENERIC_READ|WRITE|EXECUTE to Network Configuration Operators and to several service SIDs. So the
 * DACL is protected (`P`: no inherited ACE) and grants GENERIC_ALL to Administrators and SYSTEM only.
 * What BFE and IKEEXT need: BFE is the object manager that runs these checks, the IPsec callouts run in the
 * kernel ("kernel-mode callers bypass all access checks", fwp/access-right-identifiers), and IKEEXT runs as
 * LocalSystem, covered by SYSTEM. No owner or group: BFE takes them from the caller's token, as it does for a
 * NULL descriptor (an owner the caller may not assign would fail the add). docs/windows-verification.md S1-S3.
 */
export const WFPSEC_OBJECT_SDDL = "D:P(A;;GA;;;BA)(A;;GA;;;SY)";

/** WFPSEC_OBJECT_SDDL as self-relative bytes (one module-lifetime buffer: FFI calls point into it). */
export const WFPSEC_OBJECT_SD: Uint8Array<ArrayBuffer> = sddlToSecurityDescriptor(
  WFPSEC_OBJECT_SDDL,
) as Uint8Array<ArrayBuffer>;

/**
 * Copies a self-relative security descriptor out of engine memory, whose length is not returned: the end
 * of its farthest part (owner/group SID, DACL/SACL by AclSize). `read(offset, length)` reads the bytes.
 */
export function readSelfRelative(read: (offset: number, length: number) => Uint8Array): Uint8Array {
  const h = read(0, 20);
  const dv = new DataView(h.buffer, h.byteOffset, 20);
  if (h[0] !== 1 || !(dv.getUint16(2, true) & SE_SELF_RELATIVE)) {
    throw new SddlError("not a self-relative security descriptor");
  }
  let end = 20;
  for (const field of [4, 8]) {
    const off = dv.getUint32(field, true);
    if (off) end = Math.max(end, off + 8 + 4 * read(off, 2)[1]);
  }
  for (const field of [12, 16]) {
    const off = dv.getUint32(field, true);
    if (off) {
      const acl = read(off, 4);
      end = Math.max(end, off + (acl[2] | (acl[3] << 8)));
    }
  }
  return read(0, end).slice();
}

/** A binary SID (as LookupAccountNameW fills it) in `S-1-...` form. */
export function sidToString(sid: Uint8Array): string {
  return sidText(sid, 0).text;
}

/** A binary SID for `S-1-...` text or a machine-independent alias (`BA`, `SY`, ...). */
export function sidFromString(text: string): Uint8Array {
  return sidBytes(text);
}

/** One ACE of a decoded DACL: `type` is the ACE_HEADER AceType (ACCESS_ALLOWED_ACE_TYPE, ...). */
export interface DecodedAce {
  /** AceType (winnt.h): 0 allowed, 1 denied, others object/callback forms. */
  type: number;
  /** AceFlags (OBJECT_INHERIT_ACE, INHERIT_ONLY_ACE, INHERITED_ACE, ...). */
  flags: number;
  /** ACCESS_MASK. */
  mask: number;
  /** The trustee, `S-1-...`; undefined for ACE types whose SID is not at the fixed offset. */
  sid: string | undefined;
}

/** What an owner/DACL check needs from a security descriptor. */
export interface DecodedSecurityDescriptor {
  /** Owner SID, `S-1-...`, or undefined when the descriptor has none. */
  owner: string | undefined;
  /** The DACL's ACEs; `null` for a missing or NULL DACL (every access granted to everyone). */
  dacl: DecodedAce[] | null;
  /** SE_DACL_PROTECTED: no ACE is inherited from the parent. */
  daclProtected: boolean;
}

/** ACE types whose SID follows the mask directly (ACCESS_ALLOWED_ACE layout: header, mask, SidStart). */
const PLAIN_SID_ACE_TYPES = new Set([
  MISC.ACCESS_ALLOWED_ACE_TYPE,
  MISC.ACCESS_DENIED_ACE_TYPE,
  MISC.SYSTEM_AUDIT_ACE_TYPE,
  9, // ACCESS_ALLOWED_CALLBACK_ACE_TYPE
  10, // ACCESS_DENIED_CALLBACK_ACE_TYPE
]);

/**
 * Decodes a self-relative security descriptor's owner and DACL (as GetSecurityInfo returns them) for the
 * admin-only file checks (modules/host/safety.ts). Malformed input is an SddlError, never a guess.
 */
export function decodeSecurityDescriptor(sd: Uint8Array): DecodedSecurityDescriptor {
  if (sd.length < 20 || sd[0] !== 1) throw new SddlError("not a self-relative security descriptor");
  const dv = new DataView(sd.buffer, sd.byteOffset, sd.length);
  const control = dv.getUint16(2, true);
  if (!(control & SE_SELF_RELATIVE)) throw new SddlError("security descriptor is not self-relative");
  const o = dv.getUint32(4, true), da = dv.getUint32(16, true);
  const owner = o ? sidText(sd, o).text : undefined;
  let dacl: DecodedAce[] | null = null;
  if (control & SE_DACL_PRESENT && da) {
    if (da + 8 > sd.length) throw new SddlError("truncated ACL");
    const size = dv.getUint16(da + 2, true), count = dv.getUint16(da + 4, true);
    if (size < 8 || da + size > sd.length) throw new SddlError("ACL size exceeds the security descriptor");
    dacl = [];
    let p = da + 8;
    for (let i = 0; i < count; i++) {
      if (p + 8 > da + size) throw new SddlError("truncated ACE");
      const aceSize = dv.getUint16(p + 2, true);
      if (aceSize < 8 || p + aceSize > da + size) throw new SddlError("ACE size exceeds its ACL");
      const type = sd[p];
      dacl.push({
        type,
        flags: sd[p + 1],
        mask: dv.getUint32(p + 4, true),
        sid: PLAIN_SID_ACE_TYPES.has(type) ? sidText(sd.subarray(0, p + aceSize), p + 8).text : undefined,
      });
      p += aceSize;
    }
  }
  return { owner, dacl, daclProtected: (control & SE_DACL_PROTECTED) !== 0 };
}
