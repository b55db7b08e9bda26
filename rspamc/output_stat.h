/*
 * output_stat.h - the text of the controller commands, as rspamc 3.4
 * prints it: stat (and stat_reset), counters, uptime.
 *
 * Owns: reading those replies' JSON objects (borrowed) into text; the
 * heading and the rest are output.c's.
 */
#ifndef RSPAMC_OUTPUT_STAT_H
#define RSPAMC_OUTPUT_STAT_H

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "output.h"

/* stat/stat_reset: messages, actions, learns, pools, fuzzy hashes,
 * statfiles. */
int stat_put(struct buf *out, const json_t *obj, const struct output_opts *o,
	     struct err *err);

/* counters: the "Symbols cache" table in --sort order ("Bad output" when
 * the reply is not an array). */
int stat_put_counters(struct buf *out, const json_t *arr,
		      const struct output_opts *o, struct err *err);

/* uptime: rspamc 3.4's text, its two literal "%s" included. */
int stat_put_uptime(struct buf *out, const json_t *obj, struct err *err);

#endif
