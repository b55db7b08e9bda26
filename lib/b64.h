/*
 * b64.h - base64 through libb64, without libb64's line breaks.
 *
 * libb64's encoder inserts a newline every 72 output characters and one at
 * the end; this adapter removes them, so the text can go into an HTTP or
 * mail header. Appends to out; fails on out-of-memory, or when libb64
 * (opened at the first call) cannot be loaded: "base64: cannot load
 * libb64.so.0d: ...".
 */
#ifndef RSPAMC_B64_H
#define RSPAMC_B64_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

int b64_encode(struct buf *out, const void *data, size_t len, struct err *err);

#endif
