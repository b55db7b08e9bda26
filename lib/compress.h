/*
 * compress.h - zstd for -z/--compressed and replies with Compression: zstd.
 *
 * Owns nothing: output is appended to the caller's buffer. The level is 1,
 * as rspamc uses. A dictionary is a raw zstd dictionary (-D FILE).
 * Errors name the cause ("zstd: Unknown frame descriptor", "zstd: cannot
 * load libzstd.so.1: ..."): libzstd is loaded at the first use.
 */
#ifndef RSPAMC_COMPRESS_H
#define RSPAMC_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/* The zstd frame magic 28 b5 2f fd at the start of data. */
bool compress_is_zstd(const void *data, size_t len);
int compress_zstd(struct buf *out, const void *data, size_t len,
		  const void *dict, size_t dict_len, struct err *err);
/* Decompress; max caps the output (0 = none). */
int decompress_zstd(struct buf *out, const void *data, size_t len,
		    const void *dict, size_t dict_len, size_t max,
		    struct err *err);
/* The id rspamc sends in "Dictionary:" for a dictionary (UINT32_MAX when
 * it has none, or libzstd cannot be loaded). */
uint32_t compress_dict_id(const void *dict, size_t dict_len);

#endif
