/*
 * xmlapi.h - the part of libxml2 that html.c uses, loaded on first use
 * (dynlib.h), so that a message without an HTML part never loads
 * libxml2 and what it pulls in (ICU, libstdc++, liblzma).
 *
 * Owns: one process-wide table, filled once; a failure to load is
 * remembered too, so each later call fails at once with the same
 * message ("cannot load libxml2.so.2: ...").
 */
#ifndef RSPAMC_SCAN_XMLAPI_H
#define RSPAMC_SCAN_XMLAPI_H

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "err.h"

/* meson.build passes the SONAME it read (libxml2.so.2 on Debian 12;
 * libxml2 2.14 is libxml2.so.16). */
#ifndef XMLAPI_SONAME
#error "XMLAPI_SONAME must name libxml2's shared library"
#endif

struct xml_api {
	htmlParserCtxtPtr (*htmlCreateMemoryParserCtxt)(const char *buffer,
							int size);
	int (*htmlCtxtUseOptions)(htmlParserCtxtPtr ctxt, int options);
	int (*htmlParseDocument)(htmlParserCtxtPtr ctxt);
	void (*htmlFreeParserCtxt)(htmlParserCtxtPtr ctxt);
	xmlCharEncodingHandlerPtr (*xmlFindCharEncodingHandler)(
		const char *name);
	int (*xmlSwitchToEncoding)(xmlParserCtxtPtr ctxt,
				   xmlCharEncodingHandlerPtr handler);
	xmlChar *(*xmlStrdup)(const xmlChar *cur);
	void (*xmlFreeDoc)(xmlDocPtr cur);
	void (*xmlStopParser)(xmlParserCtxtPtr ctxt);
	/* libxml2's variable xmlFree (a macro in its headers): the free()
	 * that matches xmlStrdup; read it at each call. */
	xmlFreeFunc *free_fn;
};

/* The table, loading libxml2 on the first call; NULL with err set. */
const struct xml_api *xml_api(struct err *err);

#endif
