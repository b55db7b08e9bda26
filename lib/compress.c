/* compress.c - see compress.h. */
#include "compress.h"

#include <string.h>
#include <zstd.h>

bool compress_is_zstd(const void *data, size_t len)
{
	static const unsigned char magic[4] = { 0x28, 0xb5, 0x2f, 0xfd };

	return len >= 4 && memcmp(data, magic, 4) == 0;
}

int compress_zstd(struct buf *out, const void *data, size_t len,
		  const void *dict, size_t dict_len, struct err *err)
{
	size_t bound = ZSTD_compressBound(len), n;
	ZSTD_CCtx *cctx;

	if (buf_grow(out, bound, err) < 0)
		return -1;
	cctx = ZSTD_createCCtx();
	if (cctx == NULL)
		return err_set(err, "zstd: out of memory");
	if (dict != NULL)
		n = ZSTD_compress_usingDict(cctx, out->data + out->len, bound,
					    data, len, dict, dict_len, 1);
	else
		n = ZSTD_compressCCtx(cctx, out->data + out->len, bound, data,
				      len, 1);
	ZSTD_freeCCtx(cctx);
	if (ZSTD_isError(n))
		return err_set(err, "zstd: %s", ZSTD_getErrorName(n));
	out->len += n;
	out->data[out->len] = '\0';
	return 0;
}

int decompress_zstd(struct buf *out, const void *data, size_t len,
		    const void *dict, size_t dict_len, size_t max,
		    struct err *err)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer in = { data, len, 0 };
	size_t rc = 1;
	int ret = -1;

	if (ds == NULL)
		return err_set(err, "zstd: out of memory");
	if (dict != NULL)
		ZSTD_DCtx_loadDictionary(ds, dict, dict_len);
	while (in.pos < in.size || rc != 0) {
		ZSTD_outBuffer ob;

		if (buf_grow(out, 65536, err) < 0)
			goto out;
		ob.dst = out->data + out->len;
		ob.size = out->alloc - out->len - 1;
		ob.pos = 0;
		rc = ZSTD_decompressStream(ds, &ob, &in);
		if (ZSTD_isError(rc)) {
			err_set(err, "Decompression error: %s",
				ZSTD_getErrorName(rc));
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
	ZSTD_freeDStream(ds);
	return ret;
}

uint32_t compress_dict_id(const void *dict, size_t dict_len)
{
	unsigned id = ZSTD_getDictID_fromDict(dict, dict_len);

	return id != 0 ? id : UINT32_MAX;
}
