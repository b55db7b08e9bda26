/* request.c - see request.h. */
#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void header_list_init(struct header_list *h)
{
	h->v = NULL;
	h->n = 0;
	h->alloc = 0;
}

void header_list_release(struct header_list *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].name);
		free(h->v[i].value);
	}
	free(h->v);
	header_list_init(h);
}

static int check_value(const char *name, const char *value, struct err *err)
{
	if (strpbrk(name, "\r\n: \t") != NULL || name[0] == '\0')
		return err_set(err, "invalid HTTP header name '%s'", name);
	if (strpbrk(value, "\r\n") != NULL)
		return err_set(err,
			       "the value of HTTP header '%s' contains a line break",
			       name);
	return 0;
}

int header_list_add(struct header_list *h, const char *name,
		    const char *value, struct err *err)
{
	struct http_header *v;

	if (check_value(name, value, err) < 0)
		return -1;
	if (h->n == h->alloc) {
		size_t cap = h->alloc ? h->alloc * 2 : 16;

		v = realloc(h->v, cap * sizeof(*v));
		if (v == NULL)
			return err_set(err, "out of memory");
		h->v = v;
		h->alloc = cap;
	}
	h->v[h->n].name = strdup(name);
	h->v[h->n].value = strdup(value);
	if (h->v[h->n].name == NULL || h->v[h->n].value == NULL) {
		free(h->v[h->n].name);
		free(h->v[h->n].value);
		return err_set(err, "out of memory");
	}
	h->n++;
	return 0;
}

static int add_if(struct header_list *h, const char *name, const char *value,
		  struct err *err)
{
	if (value == NULL)
		return 0;
	return header_list_add(h, name, value, err);
}

static int add_int(struct header_list *h, const char *name, int value,
		   struct err *err)
{
	char num[32];

	if (value == 0)
		return 0;
	snprintf(num, sizeof(num), "%d", value);
	return header_list_add(h, name, num, err);
}

static int add_each(struct header_list *h, const char *name,
		    char *const *values, struct err *err)
{
	for (size_t i = 0; values != NULL && values[i] != NULL; i++)
		if (header_list_add(h, name, values[i], err) < 0)
			return -1;
	return 0;
}

int request_split_header(const char *arg, char **name_r, char **value_r,
			 struct err *err)
{
	size_t n = strcspn(arg, ":=");
	const char *value = arg[n] != '\0' ? arg + n + 1 : "";

	*name_r = strndup(arg, n);
	*value_r = strdup(value);
	if (*name_r == NULL || *value_r == NULL) {
		free(*name_r);
		free(*value_r);
		return err_set(err, "out of memory");
	}
	return 0;
}

/* The --header values, and whether one of them is a User-Agent. */
static int add_extra(struct header_list *h, char *const *extra,
		     struct err *err)
{
	for (size_t i = 0; extra != NULL && extra[i] != NULL; i++) {
		char *name, *value;
		int rc;

		if (request_split_header(extra[i], &name, &value, err) < 0)
			return -1;
		rc = header_list_add(h, name, value, err);
		free(name);
		free(value);
		if (rc < 0) {
			err_prefix(err, "--header '%s'", extra[i]);
			return -1;
		}
	}
	return 0;
}

static bool extra_has(char *const *extra, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; extra != NULL && extra[i] != NULL; i++)
		if (strncasecmp(extra[i], name, len) == 0 &&
		    (extra[i][len] == ':' || extra[i][len] == '='))
			return true;
	return false;
}

static int add_flags(struct header_list *h, const struct request_params *p,
		     struct err *err)
{
	char flags[64];

	snprintf(flags, sizeof(flags), "%s%sbody_block",
		 p->pass_all ? "pass_all," : "", p->profile ? "profile," : "");
	return header_list_add(h, "Flags", flags, err);
}

int request_build(struct header_list *h, const struct request_params *p,
		  const char *filename, struct err *err)
{
	if (!extra_has(p->extra, "User-Agent") &&
	    header_list_add(h, "User-Agent",
			    p->user_agent ? p->user_agent : "rspamc", err) < 0)
		return -1;
	if (header_list_add(h, "Filename", filename, err) < 0 ||
	    add_flags(h, p, err) < 0 ||
	    add_if(h, "Classifier", p->classifier, err) < 0 ||
	    add_if(h, "Class", p->class_name, err) < 0 ||
	    add_int(h, "Weight", p->weight, err) < 0 ||
	    add_int(h, "Flag", p->flag, err) < 0 ||
	    add_if(h, "Ip", p->ip, err) < 0 ||
	    add_if(h, "User", p->user, err) < 0 ||
	    add_if(h, "Deliver-To", p->deliver, err) < 0 ||
	    add_if(h, "From", p->from, err) < 0 ||
	    add_each(h, "Rcpt", p->rcpts, err) < 0 ||
	    add_if(h, "Helo", p->helo, err) < 0 ||
	    add_if(h, "Hostname", p->hostname, err) < 0 ||
	    add_if(h, "Raw", p->raw ? "yes" : NULL, err) < 0 ||
	    add_if(h, "URL-Format", p->extended_urls ? "extended" : NULL,
		   err) < 0 ||
	    add_if(h, "Skip-Images", p->skip_images ? "true" : NULL, err) < 0 ||
	    add_if(h, "Skip-Attachments", p->skip_attachments ? "true" : NULL,
		   err) < 0 ||
	    add_if(h, "Symbol", p->fuzzy_symbol, err) < 0 ||
	    add_if(h, "Queue-Id", p->queue_id, err) < 0 ||
	    add_if(h, "Log-Tag", p->log_tag, err) < 0 ||
	    add_if(h, "Settings", p->settings, err) < 0 ||
	    add_if(h, "Settings-ID", p->settings_id, err) < 0 ||
	    add_each(h, "Hash", p->hashes, err) < 0 ||
	    add_extra(h, p->extra, err) < 0 ||
	    add_if(h, "Password", p->password, err) < 0)
		return -1;
	return 0;
}
