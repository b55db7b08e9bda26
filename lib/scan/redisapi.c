/*
 * redisapi.c - hiredis, loaded on first use (see redisapi.h).
 */
#include "redisapi.h"

#include "dynlib.h"

#define SYM(m) { "redis" #m, offsetof(struct redis_api, m) }

static const struct dynlib_sym syms[] = {
	SYM(ConnectWithTimeout),
	SYM(ConnectUnixWithTimeout),
	SYM(Reconnect),
	SYM(SetTimeout),
	SYM(Free),
	SYM(Command),
	SYM(CommandArgv),
	SYM(AppendCommandArgv),
	SYM(GetReply),
	{ "freeReplyObject", offsetof(struct redis_api, freeReplyObject) },
};

static struct redis_api api;
static struct dynlib lib = DYNLIB_INIT(REDISAPI_SONAME, syms, &api);

const struct redis_api *redis_api(struct err *err)
{
	return dynlib_get(&lib, err);
}
