/*
 * compress.c - see compress.h.
 *
 * libzstd is opened at the first compression or decompression (dynlib.h),
 * so the LDA and --local runs, which never compress, never load it.
 */
#include "compress.h"

#include <string.h>
#include <zstd.h>

#include "dynlib.h"

/* meson.build passes the SONAME it read (libzstd.so.1 on Debian). */
#ifndef ZSTD_SONAME
#error "ZSTD_SONAME must name libzstd's shared library"
#endif

/* Members are the functions without their "ZSTD_" prefix. */
struct zstd_api {
	size_t (*compressBound)(size_t n);
	ZSTD_CCtx *(*createCCtx)(void);
	size_t (*freeCCtx)(ZSTD_CCtx *c);
	size_t (*compressCCtx)(ZSTD_CCtx *c, void *dst, size_t cap,
			       const void *src, size_t n, int level);
	size_t (*compress_usingDict)(ZSTD_CCtx *c, void *dst, size_t cap,
				     const void *src, size_t n,
				     const void *dict, size_t dict_len,
				     int level);
	ZSTD_DStream *(*createDStream)(void);
	size_t (*freeDStream)(ZSTD_DStream *d);
	size_t (*DCtx_loadDictionary)(ZSTD_DCtx *d, const void *dict,
				      size_t dict_len);
	size_t (*decompressStream)(ZSTD_DStream *d, ZSTD_outBuffer *out,
				   ZSTD_inBuffer *in);
	unsigned (*isError)(size_t code);
	const char *(*getErrorName)(size_t code);
	unsigned (*getDictID_fromDict)(const void *dict, size_t dict_len);
};

#define SYM(m) { "ZSTD_" #m, offsetof(struct zstd_api, m) }

static const struct dynlib_sym zstd_syms[] = {
	SYM(compressBound),
	SYM(createCCtx),
	SYM(freeCCtx),
	SYM(compressCCtx),
	SYM(compress_usingDict),
	SYM(createDStream),
	SYM(freeDStream),
	SYM(DCtx_loadDictionary),
	SYM(decompressStream),
	SYM(isError),
	SYM(getErrorName),
	SYM(getDictID_fromDict),
};

static struct zstd_api zstd_table;
static struct dynlib zstd_lib = DYNLIB_INIT(ZSTD_SONAME, zstd_syms,
					    &zstd_table);

/* The table, loading libzstd on the first call; NULL with err set. */
static const struct zstd_api *zstd(struct err *err)
{
	const struct zstd_api *z = dynlib_get(&zstd_lib, err);

	if (z == NULL)
		err_prefix(err, "zstd");
	return z;
}

bool compress_is_zstd(const void *data, size_t len)
{
	static const unsigned char magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

	return len >= 4 && memcmp(data, magic, 4) == 0;
}

int compress_zstd(struct buf *out, const void *data, size_t len,
		  const void *dict, size_t dict_len, struct err *err)
{
	const struct zstd_api *z = zstd(err);
	size_t bound, n;
	ZSTD_CCtx *cctx;

	if (z == NULL)
		return -1;
	bound = z->compressBound(len);
	if (buf_grow(out, bound, err) < 0)
		return -1;
	cctx = z->createCCtx();
	if (cctx == NULL)
		return err_set(err, "zstd: out of memory");
	if (dict != NULL)
		n = z->compress_usingDict(cctx, out->data + out->len, bound,
					  data, len, dict, dict_len, 1);
	else
		n = z->compressCCtx(cctx, out->data + out->len, bound, data,
				    len, 1);
	z->freeCCtx(cctx);
	if (z->isError(n))
		return err_set(err, "zstd: %s", z->getErrorName(n));
	out->len += n;
	out->data[out->len] = '\0';
	return 0;
}

int decompress_zstd(struct buf *out, const void *data, size_t len,
		    const void *dict, size_t dict_len, size_t max,
		    struct err *err)
{
	const struct zstd_api *z = zstd(err);
	ZSTD_DStream *ds;
	ZSTD_inBuffer in = { data, len, 0 };
	size_t rc = 1;
	int ret = -1;

	if (z == NULL)
		return -1;
	ds = z->createDStream();
	if (ds == NULL)
		return err_set(err, "zstd: out of memory");
	if (dict != NULL)
		z->DCtx_loadDictionary(ds, dict, dict_len);
	while (in.pos < in.size || rc != 0) {
		ZSTD_outBuffer ob;

		if (buf_grow(out, 65536, err) < 0)
			goto out;
		ob.dst = out->data + out->len;
		ob.size = out->alloc - out->len - 1;
		ob.pos = 0;
		rc = z->decompressStream(ds, &ob, &in);
		if (z->isError(rc)) {
			err_set(err, "Decompression error: %s",
				z->getErrorName(rc));
			goto out;
		}
		out->len += ob.pos;
		out->data[out->len] = '\0';
		if (max != 0 && out->len > max) {
			err_set(err, "decompressed reply exceeds %zu bytes", max);
			goto out;
		}
		if (in.pos == in.size && ob.pos == 0 && rc != 0) {
			err_set(err, "Decompression error: truncated input");
			goto out;
		}
	}
	ret = 0;
out:
	z->freeDStream(ds);
	return ret;
}

uint32_t compress_dict_id(const void *dict, size_t dict_len)
{
	const struct zstd_api *z;
	struct err ignored;
	unsigned id;

	err_init(&ignored);
	z = zstd(&ignored);
	id = z != NULL ? z->getDictID_fromDict(dict, dict_len) : 0;
	return id != 0 ? id : UINT32_MAX;
}
