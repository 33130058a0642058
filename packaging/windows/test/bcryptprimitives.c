/* Wine test harness only (packaging/test-windows): stand-in for Windows 10's bcryptprimitives.dll, which Wine 8.0 lacks.
 * Rust >= 1.78 programs (pydantic_core) import ProcessPrng from it. Installed into the
 * Wine prefix's system32 only; never shipped in the installer. */
#include <windows.h>
#include <ntsecapi.h>   /* RtlGenRandom = SystemFunction036 */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG chunk = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk; len -= chunk;
    }
    return TRUE;
}
BOOL WINAPI DllMain(HINSTANCE h, DWORD r, LPVOID p) { (void)h; (void)r; (void)p; return TRUE; }
