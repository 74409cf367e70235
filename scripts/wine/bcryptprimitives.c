/* bcryptprimitives.dll shim: lets the Windows deno.exe start under Debian bookworm's Wine 8.0.
 *
 * Wine 8.0 has two gaps the Windows Deno build trips over (measured; see tests/wine/README.md):
 *  1. No bcryptprimitives.dll at all, and Rust's std imports ProcessPrng from it: deno.exe exits 53
 *     before running anything. We provide ProcessPrng on top of Wine's BCryptGenRandom.
 *  2. kernelbase exports VirtualAlloc2 / MapViewOfFile3 / UnmapViewOfFile2 but rejects
 *     MEM_RESERVE_PLACEHOLDER, and V8 only probes that the three names resolve before relying on
 *     placeholders, so it dies with "Fatal process out of memory ... subspace allocation". V8 keeps a
 *     fallback for Windows versions without those functions; we steer it there by hooking the host
 *     executable's import of GetProcAddress so those three names do not resolve.
 * Being loaded from deno.exe's own directory, the shim takes effect before any V8 code runs.
 * WFPSEC_WINE_SHIM_NO_PATCH=1 disables part 2 (to show the crash it prevents).
 */
#include <windows.h>
#include <bcrypt.h>
#include <string.h>

BOOL WINAPI ProcessPrng(PBYTE out, SIZE_T len)
{
    while (len > 0) {
        /* BCryptGenRandom takes a ULONG length; SIZE_T may be larger. */
        ULONG n = len > 0x40000000u ? 0x40000000u : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, out, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        out += n;
        len -= n;
    }
    return TRUE;
}

typedef FARPROC(WINAPI *get_proc_address_fn)(HMODULE, LPCSTR);
static get_proc_address_fn original_get_proc_address;

static BOOL is_placeholder_api(LPCSTR name)
{
    /* Ordinal lookups pass a value < 64K instead of a string. */
    if ((ULONG_PTR)name <= 0xffff) return FALSE;
    return strcmp(name, "VirtualAlloc2") == 0 || strcmp(name, "MapViewOfFile3") == 0 ||
           strcmp(name, "UnmapViewOfFile2") == 0;
}

static FARPROC WINAPI filtered_get_proc_address(HMODULE module, LPCSTR name)
{
    if (is_placeholder_api(name)) {
        SetLastError(ERROR_PROC_NOT_FOUND);
        return NULL;
    }
    return original_get_proc_address(module, name);
}

/* Rewrites every IAT slot of `image` that imports GetProcAddress; returns how many were rewritten. */
static int hook_get_proc_address(HMODULE image)
{
    BYTE *base = (BYTE *)image;
    IMAGE_DOS_HEADER *dos = (IMAGE_DOS_HEADER *)base;
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)(base + dos->e_lfanew);
    IMAGE_DATA_DIRECTORY imports = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT];
    int hooked = 0;
    if (imports.VirtualAddress == 0) return 0;

    for (IMAGE_IMPORT_DESCRIPTOR *d = (IMAGE_IMPORT_DESCRIPTOR *)(base + imports.VirtualAddress); d->Name; d++) {
        /* OriginalFirstThunk keeps the names; FirstThunk is the bound address table we patch. */
        DWORD names_rva = d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk;
        IMAGE_THUNK_DATA *name_thunk = (IMAGE_THUNK_DATA *)(base + names_rva);
        IMAGE_THUNK_DATA *slot = (IMAGE_THUNK_DATA *)(base + d->FirstThunk);
        for (; name_thunk->u1.AddressOfData; name_thunk++, slot++) {
            if (IMAGE_SNAP_BY_ORDINAL(name_thunk->u1.Ordinal)) continue;
            IMAGE_IMPORT_BY_NAME *by_name = (IMAGE_IMPORT_BY_NAME *)(base + name_thunk->u1.AddressOfData);
            if (strcmp((const char *)by_name->Name, "GetProcAddress") != 0) continue;
            if (!original_get_proc_address)
                original_get_proc_address = (get_proc_address_fn)(ULONG_PTR)slot->u1.Function;
            DWORD old;
            if (!VirtualProtect(&slot->u1.Function, sizeof slot->u1.Function, PAGE_READWRITE, &old)) continue;
            slot->u1.Function = (ULONG_PTR)filtered_get_proc_address;
            VirtualProtect(&slot->u1.Function, sizeof slot->u1.Function, old, &old);
            hooked++;
        }
    }
    return hooked;
}

BOOL WINAPI DllMain(HINSTANCE self, DWORD reason, LPVOID reserved)
{
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(self);
        if (GetEnvironmentVariableA("WFPSEC_WINE_SHIM_NO_PATCH", NULL, 0) == 0)
            hook_get_proc_address(GetModuleHandleW(NULL));
    }
    return TRUE;
}
