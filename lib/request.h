/*
 * request.h - the HTTP headers of an rspamc request, from its parameters.
 *
 * Owns: the header list it builds (names and values are copies). Which
 * header each option becomes is rspamc 3.4's (see the README's option
 * table); the headers of newer rspamc versions (Queue-Id, Log-Tag,
 * Settings, Settings-ID, Class) are included when set.
 *
 * Values are sent as given, except that CR, LF and NUL are refused with an
 * error naming the header: they would split the request.
 */
#ifndef RSPAMC_REQUEST_H
#define RSPAMC_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "transport.h"

struct request_params {
	const char *user_agent;     /* NULL: "rspamc" */
	const char *password;
	const char *classifier;
	const char *class_name;     /* learn_class:NAME */
	int weight;                 /* sent when non-zero */
	int flag;                   /* sent when non-zero */
	bool pass_all;
	bool profile;
	const char *ip;
	const char *user;
	const char *deliver;
	const char *from;
	char *const *rcpts;         /* NULL-terminated or NULL */
	const char *helo;
	const char *hostname;
	bool raw;
	bool extended_urls;
	bool skip_images;
	bool skip_attachments;
	const char *fuzzy_symbol;
	const char *queue_id;
	const char *log_tag;
	const char *settings;
	const char *settings_id;
	char *const *hashes;        /* fuzzy_delhash: one Hash: each */
	char *const *extra;         /* --header "Name: value" / "Name=value" */
};

struct header_list {
	struct http_header *v;
	size_t n;
	size_t alloc;
};

void header_list_init(struct header_list *h);
void header_list_release(struct header_list *h);
int header_list_add(struct header_list *h, const char *name,
		    const char *value, struct err *err);

/*
 * All headers for one request. filename is the Filename: value ("stdin",
 * "empty", "hashes", or the path).
 */
int request_build(struct header_list *h, const struct request_params *p,
		  const char *filename, struct err *err);

/*
 * Split a --header argument at the first ':' or '=' (rspamc 3.4: the value
 * is everything after it, leading spaces kept; no delimiter means an empty
 * value).
 */
int request_split_header(const char *arg, char **name_r, char **value_r,
			 struct err *err);

#endif
