/*
 * xmlapi.c - libxml2, loaded on first use (see xmlapi.h).
 */
#include "xmlapi.h"

#include <stdbool.h>
#include <string.h>

#include "dynlib.h"

#define SYM(m) DYNLIB_SYM(struct xml_api, m)

static const struct dynlib_sym syms[] = {
	SYM(htmlCreateMemoryParserCtxt),
	SYM(htmlCtxtUseOptions),
	SYM(htmlParseDocument),
	SYM(htmlFreeParserCtxt),
	SYM(xmlFindCharEncodingHandler),
	SYM(xmlSwitchToEncoding),
	SYM(xmlStrdup),
	SYM(xmlFreeDoc),
	SYM(xmlStopParser),
	{ "xmlFree", offsetof(struct xml_api, free_fn) },
};

static struct xml_api api;
static bool tried;
static bool loaded;
static struct err load_err;

const struct xml_api *xml_api(struct err *err)
{
	if (!tried) {
		tried = true;
		loaded = dynlib_open(XMLAPI_SONAME, syms,
				     sizeof(syms) / sizeof(syms[0]), &api,
				     &load_err) != NULL;
	}
	if (!loaded) {
		memcpy(err, &load_err, sizeof(*err));
		return NULL;
	}
	return &api;
}
