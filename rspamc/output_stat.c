/*
 * output_stat.c - see output_stat.h.
 */
#include "output_stat.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output_fmt.h"
#include "output_sort.h"

/* rspamc caps the counters symbol column: an 82-byte buffer less 44 dashes. */
#define COUNTERS_DASHES 44
#define COUNTERS_MAX_NAME 37

static int put_stat_actions(struct buf *out, const json_t *obj,
			    long long scanned, const struct output_opts *o,
			    struct err *err)
{
	const json_t *actions = json_object_get(obj, "actions"), *v;
	long long cnt, spam, ham;
	const char *key;

	if (scanned <= 0)
		return 0;
	if (json_is_object(actions)) {
		json_object_foreach((json_t *)actions, key, v) {
			cnt = fmt_toint(v);
			if (buf_addf(out, err, "Messages with action %s: ",
				     key) < 0 ||
			    fmt_em(out, o, err, "%lld", cnt) < 0 ||
			    buf_addf(out, err, ", %.2f%%\n",
				     (double)cnt / (double)scanned * 100.) < 0)
				return -1;
		}
	}
	spam = fmt_toint(json_object_get(obj, "spam_count"));
	ham = fmt_toint(json_object_get(obj, "ham_count"));
	if (buf_addstr(out, "Messages treated as spam: ", err) < 0 ||
	    fmt_em(out, o, err, "%lld", spam) < 0 ||
	    buf_addf(out, err, ", %.2f%%\n",
		     (double)spam / (double)scanned * 100.) < 0 ||
	    buf_addstr(out, "Messages treated as ham: ", err) < 0 ||
	    fmt_em(out, o, err, "%lld", ham) < 0 ||
	    buf_addf(out, err, ", %.2f%%\n",
		     (double)ham / (double)scanned * 100.) < 0)
		return -1;
	return 0;
}

/* "Name: <bold N>\n" for one integer key. */
static int put_stat_count(struct buf *out, const char *label,
			  const json_t *obj, const char *key,
			  const struct output_opts *o, struct err *err)
{
	if (buf_addf(out, err, "%s: ", label) < 0 ||
	    fmt_em(out, o, err, "%lld",
		   fmt_toint(json_object_get(obj, key))) < 0)
		return -1;
	return buf_addch(out, '\n', err);
}

/* The mean of the numeric scan_times, each taken as a float as rspamc does. */
static int put_stat_avg(struct buf *out, const json_t *obj,
			const struct output_opts *o, struct err *err)
{
	const json_t *times = json_object_get(obj, "scan_times"), *v;
	double sum = 0, c = 0, y, t;
	size_t i, cnt = 0;

	if (!json_is_array(times))
		return 0;
	json_array_foreach(times, i, v) {
		if (!json_is_number(v))
			continue;
		/* Kahan summation over single-precision values. */
		y = (double)(float)json_number_value(v) - c;
		t = sum + y;
		c = (t - sum) - y;
		sum = t;
		cnt++;
	}
	if (cnt == 0)
		return 0;
	if (buf_addstr(out, "Average scan time: ", err) < 0 ||
	    fmt_em(out, o, err, "%.3f", sum / (double)cnt) < 0)
		return -1;
	return buf_addstr(out, " sec\n", err);
}

static int put_stat_pools(struct buf *out, const json_t *obj,
			  struct err *err)
{
	static const char *const rows[][2] = {
		{ "Pools allocated", "pools_allocated" },
		{ "Pools freed", "pools_freed" },
		{ "Bytes allocated", "bytes_allocated" },
		{ "Memory chunks allocated", "chunks_allocated" },
		{ "Shared chunks allocated", "shared_chunks_allocated" },
		{ "Chunks freed", "chunks_freed" },
		{ "Oversized chunks", "chunks_oversized" },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++)
		if (buf_addf(out, err, "%s: %lld\n", rows[i][0],
			     fmt_toint(json_object_get(obj, rows[i][1]))) < 0)
			return -1;
	return 0;
}

static int put_int_list(struct buf *out, const char *label, const json_t *arr,
			struct err *err)
{
	const json_t *v;
	size_t i;

	if (!json_is_array(arr))
		return 0;
	if (buf_addf(out, err, "%s: ", label) < 0)
		return -1;
	json_array_foreach(arr, i, v)
		if (buf_addf(out, err, "%lld ", fmt_toint(v)) < 0)
			return -1;
	return buf_addch(out, '\n', err);
}

static int put_stat_fuzzy(struct buf *out, const json_t *obj, struct err *err)
{
	const json_t *hashes = json_object_get(obj, "fuzzy_hashes"), *v;
	unsigned long long stored = 0;
	const char *key;

	if (json_is_object(hashes)) {
		json_object_foreach((json_t *)hashes, key, v) {
			if (buf_addf(out, err,
				     "Fuzzy hashes in storage \"%s\": %lld\n",
				     key, fmt_toint(v)) < 0)
				return -1;
			stored += (unsigned long long)fmt_toint(v);
		}
		if (buf_addf(out, err, "Fuzzy hashes stored: %llu\n",
			     stored) < 0)
			return -1;
	}
	if (put_int_list(out, "Fuzzy hashes checked",
			 json_object_get(obj, "fuzzy_checked"), err) < 0)
		return -1;
	return put_int_list(out, "Fuzzy hashes found",
			    json_object_get(obj, "fuzzy_found"), err);
}

static const char *jstr(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int put_statfile(struct buf *out, const json_t *st, struct err *err)
{
	long long blocks = fmt_toint(json_object_get(st, "total"));
	long long used = fmt_toint(json_object_get(st, "used"));
	const char *symbol = jstr(st, "symbol"), *type = jstr(st, "type");
	const char *label = jstr(st, "label");

	if (buf_addf(out, err, "Statfile: %s ", symbol ? symbol : "") < 0 ||
	    (label != NULL && buf_addf(out, err, "<%s> ", label) < 0))
		return -1;
	return buf_addf(out, err,
			"type: %s; length: %lld; free blocks: %lld; "
			"total blocks: %lld; free: %.2f%%; learned: %lld; "
			"users: %lld; languages: %lld\n",
			type ? type : "", fmt_toint(json_object_get(st, "size")),
			blocks - used, blocks,
			blocks > 0 ? (double)(blocks - used) * 100.0 /
					     (double)blocks : 0.0,
			fmt_toint(json_object_get(st, "revision")),
			fmt_toint(json_object_get(st, "users")),
			fmt_toint(json_object_get(st, "languages")));
}

int stat_put(struct buf *out, const json_t *obj, const struct output_opts *o,
	     struct err *err)
{
	const json_t *files = json_object_get(obj, "statfiles"), *v;
	long long scanned = fmt_toint(json_object_get(obj, "scanned"));
	size_t i;

	if (buf_addstr(out, "Messages scanned: ", err) < 0 ||
	    fmt_em(out, o, err, "%lld", scanned) < 0 ||
	    buf_addch(out, '\n', err) < 0 ||
	    put_stat_actions(out, obj, scanned, o, err) < 0 ||
	    put_stat_count(out, "Messages learned", obj, "learned", o, err) < 0 ||
	    put_stat_count(out, "Connections count", obj, "connections", o,
			   err) < 0 ||
	    put_stat_count(out, "Control connections count", obj,
			   "control_connections", o, err) < 0 ||
	    put_stat_avg(out, obj, o, err) < 0 ||
	    put_stat_pools(out, obj, err) < 0 ||
	    put_stat_fuzzy(out, obj, err) < 0)
		return -1;
	if (json_is_array(files))
		json_array_foreach(files, i, v)
			if (put_statfile(out, v, err) < 0)
				return -1;
	return buf_addf(out, err, "Total learns: %lld\n",
			fmt_toint(json_object_get(obj, "total_learns")));
}

static int put_counters_rule(struct buf *out, const char *dashes, bool bold,
			     const struct output_opts *o, struct err *err)
{
	if (buf_addch(out, ' ', err) < 0 ||
	    (bold ? fmt_em(out, o, err, "%s", dashes) :
		    buf_addstr(out, dashes, err)) < 0)
		return -1;
	return buf_addstr(out, " \n", err);
}

static int put_counters_header(struct buf *out, const char *c1,
			       const char *c2, int width, const char *c3,
			       const char *c4, const char *c5, struct err *err)
{
	if (buf_addf(out, err, "| %-4s | %-*s | ", c1, width, c2) < 0 ||
	    fmt_centred(out, c3, 7, err) < 0 || buf_addstr(out, " | ", err) < 0 ||
	    fmt_centred(out, c4, 13, err) < 0 || buf_addstr(out, " | ", err) < 0 ||
	    fmt_centred(out, c5, 7, err) < 0)
		return -1;
	return buf_addstr(out, " |\n", err);
}

static int put_counters_row(struct buf *out, size_t idx, const json_t *row,
			    int width, struct err *err)
{
	const json_t *sym = json_object_get(row, "symbol");
	const json_t *weight = json_object_get(row, "weight");
	const json_t *freq = json_object_get(row, "frequency");
	const json_t *hits = json_object_get(row, "hits");
	const char *name = json_string_value(sym);
	char num[64];

	if (sym == NULL || weight == NULL || freq == NULL || hits == NULL)
		return 0;
	if (name == NULL)
		name = "";
	if ((int)strlen(name) > width) {
		if (buf_addf(out, err, "| %-4zu | %.*s...", idx, width - 3,
			     name) < 0)
			return -1;
	} else if (buf_addf(out, err, "| %-4zu | %-*s", idx, width, name) < 0) {
		return -1;
	}
	if (buf_addstr(out, " | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.1f", fmt_todouble(weight));
	if (fmt_centred(out, num, 7, err) < 0 || buf_addstr(out, " | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.3f", fmt_todouble(freq) * 60.0);
	if (fmt_centred(out, num, 6, err) < 0 || buf_addch(out, '(', err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%.3f",
		 fmt_todouble(json_object_get(row, "frequency_stddev")) * 60.0);
	if (fmt_centred(out, num, 5, err) < 0 || buf_addstr(out, ") | ", err) < 0)
		return -1;
	snprintf(num, sizeof(num), "%ju", (uintmax_t)fmt_toint(hits));
	if (fmt_centred(out, num, 7, err) < 0)
		return -1;
	return buf_addstr(out, " |\n", err);
}

static int counters_width(const json_t *arr)
{
	size_t i, len, max = strlen("Symbol");
	const json_t *row;
	const char *s;

	json_array_foreach(arr, i, row) {
		s = json_string_value(json_object_get(row, "symbol"));
		len = s != NULL ? strlen(s) : 0;
		if (len > max)
			max = len;
	}
	return (int)(max < COUNTERS_MAX_NAME ? max : COUNTERS_MAX_NAME);
}

int stat_put_counters(struct buf *out, const json_t *arr,
		      const struct output_opts *o, struct err *err)
{
	size_t n = json_array_size(arr), i;
	struct sort_item *items = NULL, **order = NULL;
	char dashes[COUNTERS_DASHES + COUNTERS_MAX_NAME + 1];
	int width, rc = -1;

	if (!json_is_array(arr))
		return buf_addstr(out, "Bad output\n", err);
	width = counters_width(arr);
	memset(dashes, '-', (size_t)(COUNTERS_DASHES + width));
	dashes[COUNTERS_DASHES + width] = '\0';
	items = calloc(n + 1, sizeof(*items));
	order = calloc(n + 1, sizeof(*order));
	if (items == NULL || order == NULL) {
		err_set(err, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		items[i].obj = json_array_get(arr, i);
		items[i].name = json_string_value(
			json_object_get(items[i].obj, "symbol"));
		order[i] = &items[i];
	}
	if (sort_items(order, n, o->sort, err) < 0)
		goto out;
	if (buf_addstr(out, "Symbols cache\n", err) < 0 ||
	    put_counters_rule(out, dashes, true, o, err) < 0 ||
	    put_counters_header(out, "Pri", "Symbol", width, "Weight",
				"Frequency", "Hits", err) < 0 ||
	    put_counters_rule(out, dashes, true, o, err) < 0 ||
	    put_counters_header(out, "", "", width, "", "hits/min", "",
				err) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (put_counters_rule(out, dashes, false, o, err) < 0 ||
		    put_counters_row(out, i, order[i]->obj, width, err) < 0)
			goto out;
	rc = put_counters_rule(out, dashes, false, o, err);
out:
	free(order);
	free(items);
	return rc;
}

int stat_put_uptime(struct buf *out, const json_t *obj, struct err *err)
{
	const json_t *up = json_object_get(obj, "uptime");
	long long s, d, h, m;

	if (json_object_get(obj, "version") != NULL &&
	    buf_addstr(out, "Rspamd version: %s\n", err) < 0)
		return -1;
	if (up == NULL)
		return 0;
	s = fmt_toint(up);
	if (s >= 2 * 3600) {
		d = s / 86400;
		h = s / 3600 - d * 24;
		m = s / 60 - h * 60 - d * 1440;
		return buf_addf(out, err,
				"Uptime: %lld day%s %lld hour%s %lld minute%s\n",
				d, d > 1 ? "s" : "", h, h > 1 ? "s" : "", m,
				m > 1 ? "s" : "");
	}
	if (s / 60 == 0)
		return buf_addf(out, err, "Uptime: %lld second%%s\n", s);
	h = s / 3600;
	m = s / 60 - h * 60;
	s -= h * 3600 + m * 60;
	return buf_addf(out, err, "Uptime: %lld hour %lld minute%s %lld second%s\n",
			h, m, m > 1 ? "s" : "", s, s > 1 ? "s" : "");
}
