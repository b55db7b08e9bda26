/*
 * redisapi.h - the part of hiredis that store_redis.c uses, loaded when
 * a Redis Bayes store is first opened (dynlib.h), so that a scan on the
 * SQLite store, or with none, never loads libhiredis.
 *
 * Owns: one process-wide table, filled once; a failure to load is
 * remembered too ("cannot load libhiredis.so.0.14: ...").
 *
 * Members are the functions without their "redis" prefix.
 */
#ifndef RSPAMC_SCAN_REDISAPI_H
#define RSPAMC_SCAN_REDISAPI_H

#include <hiredis/hiredis.h>

#include "err.h"

/* The library the build compiles against (meson.build reads its SONAME). */
#ifndef REDISAPI_SONAME
#error "REDISAPI_SONAME must name hiredis' shared library"
#endif

struct redis_api {
	redisContext *(*ConnectWithTimeout)(const char *ip, int port,
					    const struct timeval tv);
	redisContext *(*ConnectUnixWithTimeout)(const char *path,
						const struct timeval tv);
	int (*Reconnect)(redisContext *c);
	int (*SetTimeout)(redisContext *c, const struct timeval tv);
	void (*Free)(redisContext *c);
	void *(*Command)(redisContext *c, const char *format, ...);
	void *(*CommandArgv)(redisContext *c, int argc, const char **argv,
			     const size_t *argvlen);
	int (*AppendCommandArgv)(redisContext *c, int argc, const char **argv,
				 const size_t *argvlen);
	int (*GetReply)(redisContext *c, void **reply);
	void (*freeReplyObject)(void *reply);
};

/* The table, loading hiredis on the first call; NULL with err set. */
const struct redis_api *redis_api(struct err *err);

#endif
