/*
 * gmime_stubs.c: what a statically linked GMime needs from GIO and GPGME,
 * answered "not supported", so that rspamc-scan.so loads neither.
 *
 * With -Dstatic_gmime (lib/scan/meson.build) the module carries GMime,
 * GObject and GLib from their Debian archives (.a) instead of loading
 * eleven shared libraries per delivery. g_mime_init() registers every
 * GMime type, and so references GMime's GIO stream (GMimeStreamGIO) and
 * its two crypto contexts (GPGME): linking them would bring back
 * libgio-2.0 (with libmount, libblkid, libselinux, libgmodule) and
 * libgpgme (with libassuan, libgpg-error). The scanner only parses: it
 * never makes a GIO stream nor a crypto context, so nothing here runs
 * except gpgme_check_version_internal(), which g_mime_init() calls.
 *
 * Only the symbols are needed, so the definitions below are prototype-less
 * (neither gpgme.h nor gio.h is included; Debian's libgmime-3.0-dev does
 * not bring gpgme.h). On x86-64 and the other ABIs Debian builds for, a
 * caller's arguments are ignored by a callee that takes none, and the
 * value returned is a register the caller reads as its own type: an
 * error code (non-zero: "not supported"), a null pointer, or nothing.
 * If a GMime update needs another symbol from either library, the
 * configure-time link check in lib/scan/meson.build fails and the build
 * falls back to the shared libraries.
 *
 * All of it is hidden in the module (-Wl,--exclude-libs and hidden
 * visibility): nothing outside rspamc-scan.so can bind to these.
 */
#include <stddef.h>

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
