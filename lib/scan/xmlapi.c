/*
 * xmlapi.c - libxml2, loaded on first use (see xmlapi.h).
 */
#include "xmlapi.h"

#include "dynlib.h"

#define SYM(m) { #m, offsetof(struct xml_api, m) }

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
static struct dynlib lib = DYNLIB_INIT(XMLAPI_SONAME, syms, &api);

const struct xml_api *xml_api(struct err *err)
{
	return dynlib_get(&lib, err);
}
