/* Wine test harness only (packaging/test-windows): stand-in for Windows 10's system icuuc.dll, which Wine 8.0 lacks.
 * Qt6Core.dll (Qt 6.12) imports the ucnv_* converter API from it; Qt only calls it for
 * encodings it does not handle itself. Here every converter "fails to open", so Qt falls back
 * to its built-in codecs. Installed into the Wine prefix's system32 only; never shipped. */
#include <stddef.h>
#include <stdint.h>
typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16
#define EXPORT __declspec(dllexport)
EXPORT void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) {
    (void)n; (void)s; if (err && *err <= 0) *err = U_UNSUPPORTED_ERROR; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t i) { (void)i; return NULL; }
/* Never reached without an open converter: harmless no-ops. */
#define NOOP(f) EXPORT intptr_t f(void) { return 0; }
NOOP(ucnv_close) NOOP(UCNV_FROM_U_CALLBACK_SUBSTITUTE) NOOP(UCNV_TO_U_CALLBACK_SUBSTITUTE)
NOOP(ucnv_reset) NOOP(ucnv_getMaxCharSize) NOOP(ucnv_getName) NOOP(ucnv_getToUCallBack)
NOOP(ucnv_getFromUCallBack) NOOP(ucnv_setToUCallBack) NOOP(ucnv_setFromUCallBack)
NOOP(ucnv_cbToUWriteUChars) NOOP(ucnv_toUnicode) NOOP(ucnv_cbFromUWriteUChars)
NOOP(ucnv_toUCountPending) NOOP(ucnv_fromUCountPending) NOOP(ucnv_fromUnicode)
