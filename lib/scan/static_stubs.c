/*
 * static_stubs.c: what the GMime and libpsl archives linked into
 * rspamc-scan.so need from GIO, GPGME, libidn2 and libunistring, answered
 * here, so that the module loads none of them.
 *
 * With -Dstatic_gmime (lib/scan/meson.build) the module carries GMime,
 * GObject, GLib and libpsl from their Debian archives (.a) instead of
 * loading thirteen shared libraries per delivery.
 *
 * GIO and GPGME: g_mime_init() registers every GMime type, and so
 * references GMime's GIO stream (GMimeStreamGIO) and its two crypto
 * contexts (GPGME). The scanner only parses: it never makes a GIO stream
 * nor a crypto context, so none of these runs except
 * gpgme_check_version_internal(), which g_mime_init() calls.
 *
 * libidn2: GMime's address parser hands every domain to
 * idn2_to_unicode_8z8z() and keeps what it returns, so that
 * "bob@xn--bcher-kva.example" became "bob@b\xc3\xbccher.example": 8-bit
 * bytes that Rspamd, which keeps the address as written, never sees
 * (INVALID_FROM_8BIT and FROM_INVALID fired, +8 points, on any From in an
 * IDN domain). Answering "not converted" keeps the domain as written, as
 * Rspamd does; msg.c undoes the conversion where the shared GMime made it.
 *
 * libidn2 and libunistring for libpsl: only psl_str_to_utf8lower() and
 * the loading of a list from a file call them; the scanner uses the list
 * built into the archive (psl_builtin(), never NULL here) and neither
 * function.
 *
 * Only the symbols are needed, so the definitions below are prototype-less
 * (the headers are not included: Debian's libgmime-3.0-dev does not bring
 * gpgme.h, and the real prototypes would not let one macro define them).
 * The callers' arguments are ignored and the value returned is a register
 * the caller reads as its own type: an error code (non-zero, negative for
 * libidn2), a null pointer, or nothing. If an update of an archive needs
 * another symbol, the configure-time link check in lib/scan/meson.build
 * fails and the build falls back to the shared libraries.
 *
 * All of it is hidden in the module (-Wl,--exclude-libs and hidden
 * visibility): nothing outside rspamc-scan.so can bind to these.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* GPG_ERR_NOT_SUPPORTED from source GPG_ERR_SOURCE_GPGME (7 << 24). */
#define NOT_SUPPORTED ((7u << 24) | 60u)

/* Each declares its stub first, for -Wmissing-prototypes. */
#define STUB_ERR(name) \
	HIDDEN unsigned name(void); \
	HIDDEN unsigned name(void) { return NOT_SUPPORTED; }
#define STUB_NULL(name) \
	HIDDEN void *name(void); \
	HIDDEN void *name(void) { return NULL; }
#define STUB_ZERO(name) \
	HIDDEN unsigned long name(void); \
	HIDDEN unsigned long name(void) { return 0; }
#define STUB_VOID(name) \
	HIDDEN void name(void); \
	HIDDEN void name(void) { }

HIDDEN const char *gpgme_check_version_internal(void);
HIDDEN const char *gpgme_strerror(void);

/* g_mime_init() asks GPGME for its version and ignores the answer. */
HIDDEN const char *gpgme_check_version_internal(void)
{
	return NULL;
}

STUB_ERR(gpgme_data_new_from_cbs)
STUB_VOID(gpgme_data_release)
STUB_ERR(gpgme_engine_check_version)
STUB_ERR(gpgme_get_key)
STUB_ZERO(gpgme_get_keylist_mode)
STUB_ZERO(gpgme_get_protocol)
STUB_VOID(gpgme_key_unref)
STUB_ERR(gpgme_new)
STUB_ERR(gpgme_op_decrypt)
STUB_NULL(gpgme_op_decrypt_result)
STUB_ERR(gpgme_op_decrypt_verify)
STUB_ERR(gpgme_op_encrypt)
STUB_ERR(gpgme_op_encrypt_sign)
STUB_ERR(gpgme_op_export_ext)
STUB_ERR(gpgme_op_import)
STUB_NULL(gpgme_op_import_result)
STUB_ERR(gpgme_op_keylist_end)
STUB_ERR(gpgme_op_keylist_next)
STUB_ERR(gpgme_op_keylist_start)
STUB_ERR(gpgme_op_sign)
STUB_NULL(gpgme_op_sign_result)
STUB_ERR(gpgme_op_verify)
STUB_NULL(gpgme_op_verify_result)
STUB_VOID(gpgme_release)
STUB_VOID(gpgme_set_armor)
STUB_ERR(gpgme_set_ctx_flag)
STUB_ERR(gpgme_set_keylist_mode)
STUB_VOID(gpgme_set_offline)
STUB_VOID(gpgme_set_passphrase_cb)
STUB_ERR(gpgme_set_protocol)
STUB_VOID(gpgme_set_textmode)
STUB_ERR(gpgme_signers_add)
STUB_VOID(gpgme_signers_clear)

HIDDEN const char *gpgme_strerror(void)
{
	return "not supported in rspamc-scan.so";
}

/* GMimeStreamGIO: only g_mime_stream_gio_new() and its methods call these. */
STUB_NULL(g_file_append_to)
STUB_ZERO(g_file_get_type)
STUB_NULL(g_file_read)
STUB_ZERO(g_input_stream_close)
STUB_ZERO(g_input_stream_read)
STUB_ZERO(g_output_stream_close)
STUB_ZERO(g_output_stream_flush)
STUB_ZERO(g_output_stream_write_all)
STUB_ZERO(g_seekable_get_type)
STUB_ZERO(g_seekable_seek)
STUB_ZERO(g_seekable_tell)

/* libidn2 for GMime: every domain stays as written. IDN2_ENCODING_ERROR. */
#define IDN2_NOT_CONVERTED (-200)

HIDDEN int idn2_to_unicode_8z8z(void);
HIDDEN int idn2_to_ascii_8z(void);
HIDDEN int idn2_lookup_u8(void);
HIDDEN void idn2_free(void *p);

HIDDEN int idn2_to_unicode_8z8z(void)
{
	return IDN2_NOT_CONVERTED;
}

HIDDEN int idn2_to_ascii_8z(void)
{
	return IDN2_NOT_CONVERTED;
}

HIDDEN int idn2_lookup_u8(void)
{
	return IDN2_NOT_CONVERTED;
}

/* Nothing above allocates; free() for whatever a caller passes. */
HIDDEN void idn2_free(void *p)
{
	free(p);
}

/* libunistring for libpsl's psl_str_to_utf8lower(), never called here. */
HIDDEN const char uninorm_nfkc[1];
HIDDEN size_t u8_strlen(const unsigned char *s);
HIDDEN void *u8_tolower(void);

HIDDEN size_t u8_strlen(const unsigned char *s)
{
	return strlen((const char *)s);
}

HIDDEN void *u8_tolower(void)
{
	errno = ENOSYS;
	return NULL;
}
