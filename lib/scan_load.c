/*
 * scan_load.c - finds and opens the scanner module rspamc-scan.so
 * (scan_load() in scan/scanner.h) with module.c's search order.
 */
#include "scan/scanner.h"

#include "module.h"

static const struct scanner_ops *loaded_ops;

const struct scanner_ops *scan_load(const char *exe_path, struct err *err)
{
	if (loaded_ops == NULL)
		loaded_ops = module_load(exe_path, SCANNER_MODULE_NAME,
					 SCANNER_ENTRY, SCANNER_ABI,
					 "the in-process scanner", err);
	return loaded_ops;
}
