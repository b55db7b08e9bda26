/*
 * module.h - finds and opens rspamc's loadable modules (the HTTP transport
 * rspamc-curl.so, the scanner rspamc-scan.so).
 *
 * Search order, first hit wins:
 *   1. $RSPAMC_MODULE_DIR. The one environment variable the library reads:
 *      the tests and a relocated install point it at the modules.
 *   2. <directory of exe_path>/../lib, where the meson build tree puts
 *      them (build/rspamc/rspamc, build/lib/rspamc-curl.so), and
 *      <directory of exe_path>/../lib/scan for the scanner's subdirectory.
 *   3. RSPAMC_MODULEDIR, the install directory fixed at compile time.
 *
 * A module exports one function, entry, returning a pointer to a const
 * ops struct whose first member is an int ABI version.
 *
 * Ownership: the returned ops stay valid until exit (modules are never
 * closed). Errors: NULL with every attempt listed in err.
 */
#ifndef RSPAMC_MODULE_H
#define RSPAMC_MODULE_H

#include "err.h"

/* what names the module in the error ("the HTTP transport"). */
const void *module_load(const char *exe_path, const char *file,
			const char *entry, int abi, const char *what,
			struct err *err);

#endif
