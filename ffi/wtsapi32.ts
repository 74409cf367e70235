/**
 * wtsapi32, for the lock-out guard's RDP peer (modules/host/sessionPeer.ts): whether this process's session
 * is an RDP session, and the client address its RDP client reported.
 * `BOOL WTSQuerySessionInformationW(HANDLE hServer, DWORD SessionId, WTS_INFO_CLASS WTSInfoClass,
 * LPWSTR *ppBuffer, DWORD *pBytesReturned)` with WTS_CURRENT_SERVER_HANDLE (NULL) and WTS_CURRENT_SESSION;
 * the buffer is wtsapi32's, freed with `VOID WTSFreeMemory(PVOID)` exactly once. WTSClientProtocolType's
 * buffer is a USHORT, WTSClientAddress's a WTS_CLIENT_ADDRESS (ffi/structs.ts).
 * wtsapi32.dll is not a KnownDLL: it is loaded from System32 by full path (GetSystemDirectoryW).
 * The decoders take the bytes, so they are tested off Windows over buffers laid out from the tables.
 */
import { systemDirectory } from "./kernel32.ts";
import { SESSION_API } from "./constants.ts";
import { fieldOffset, layoutOf } from "./structs.ts";

/** The dlopen table (Win64: BOOL is i32, HANDLE a pointer, the out-parameters buffers). */
export const WTSAPI32_SYMBOLS = {
  WTSQuerySessionInformationW: { parameters: ["pointer", "u32", "u32", "buffer", "buffer"], result: "i32" },
  WTSFreeMemory: { parameters: ["pointer"], result: "void" },
} as const;

const AF = SESSION_API.ADDRESS_FAMILY;

/** WTSClientProtocolType's answer (a USHORT): WTS_PROTOCOL_TYPE_CONSOLE, _ICA or _RDP. */
export function decodeProtocolType(buf: Uint8Array): number {
  if (buf.length < 2) throw new RangeError(`WTSClientProtocolType: ${buf.length} bytes, expected a USHORT`);
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint16(0, true);
}

/**
 * The client address of a WTS_CLIENT_ADDRESS, or undefined for a family without an IP address (AF_UNSPEC,
 * AF_IPX, AF_NETBIOS) or an all-zero address (the client reported none). AF_INET: Address[2..5], as the
 * Learn page says; AF_INET6: Address[0..15], as its example shows (docs/windows-verification.md LG2).
 */
export function decodeClientAddress(buf: Uint8Array): string | undefined {
  const t = layoutOf("WTS_CLIENT_ADDRESS");
  if (buf.length < t.size) {
    throw new RangeError(`WTS_CLIENT_ADDRESS: ${buf.length} bytes, expected ${t.size}`);
  }
  const at = (name: string) => fieldOffset("WTS_CLIENT_ADDRESS", name);
  const family = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(
    at("AddressFamily"),
    true,
  );
  const address = buf.subarray(at("Address"), at("Address") + 20);
  if (family === AF.AF_INET) return ipv4(address.subarray(2, 6));
  if (family === AF.AF_INET6) return ipv6(address.subarray(0, 16));
  return undefined;
}

/** Dotted IPv4 of 4 network-order bytes; undefined when all zero. */
export function ipv4(b: Uint8Array): string | undefined {
  return b.every((x) => x === 0) ? undefined : [...b].join(".");
}

/** IPv6 text of 16 network-order bytes (IPv4-mapped as dotted IPv4); undefined when all zero. */
export function ipv6(b: Uint8Array): string | undefined {
  if (b.every((x) => x === 0)) return undefined;
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) {
    return ipv4(b.subarray(12));
  }
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  // The longest run of zero words (2 or more) becomes "::" (RFC 5952).
  let best = -1, len = 0;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > len && j - i >= 2) [best, len] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + len).join(":")}`;
}

/**
 * One WTSQuerySessionInformationW answer for this process's session, as bytes (copied out, then freed
 * with WTSFreeMemory exactly once). Throws when the call fails.
 */
function querySession(lib: Deno.DynamicLibrary<typeof WTSAPI32_SYMBOLS>, infoClass: number): Uint8Array {
  const out = new BigUint64Array(1);
  const bytes = new Uint32Array(1);
  const ok = lib.symbols.WTSQuerySessionInformationW(
    null, // WTS_CURRENT_SERVER_HANDLE
    SESSION_API.WTS_CURRENT_SESSION,
    infoClass,
    out,
    bytes,
  );
  if (!ok) throw new Error(`WTSQuerySessionInformationW(${infoClass}) failed`);
  const p = Deno.UnsafePointer.create(out[0]);
  try {
    if (!p || bytes[0] === 0) return new Uint8Array(0);
    return new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(p, bytes[0]).slice(0));
  } finally {
    if (p) lib.symbols.WTSFreeMemory(p);
  }
}

/** This session's RDP client address: undefined when the session is not RDP or the client reported none. */
export function rdpClientAddress(): string | undefined {
  const lib = Deno.dlopen(`${systemDirectory()}\\wtsapi32.dll`, WTSAPI32_SYMBOLS);
  try {
    const info = SESSION_API.WTS_INFO_CLASS;
    const protocol = decodeProtocolType(querySession(lib, info.WTSClientProtocolType));
    if (protocol !== SESSION_API.WTS_PROTOCOL_TYPE.WTS_PROTOCOL_TYPE_RDP) return undefined;
    return decodeClientAddress(querySession(lib, info.WTSClientAddress));
  } finally {
    lib.close();
  }
}
