/*
 * transport.c - opens the HTTP transport module (see transport.h) with
 * module.c's search order, and owns the http_reply helpers shared by the
 * module and its callers.
 */
#include "transport.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "module.h"

static const struct transport_ops *loaded_ops;

const struct transport_ops *transport_load(const char *exe_path,
					   struct err *err)
{
	if (loaded_ops == NULL)
		loaded_ops = module_load(exe_path, TRANSPORT_MODULE_NAME,
					 TRANSPORT_ENTRY, TRANSPORT_ABI,
					 "the HTTP transport", err);
	return loaded_ops;
}

