/*
 * store_redis.h - the Bayes store (store.h) on a Redis server, so that
 * several machines share one model.
 *
 * Layout under a key prefix P (default "rspamc_bayes"):
 *   P:t:<token as 16 hex digits>  hash {S: spam count, H: ham count}
 *   P:learns                      hash {S: spam messages, H: ham messages}
 *   P:digests                     hash {<digest as 64 hex digits>: "S"|"H"}
 * A counter that reaches zero is deleted, so an empty model is no keys.
 *
 * Speed: store->get sends the HMGETs of all the tokens of a message in one
 * pipelined round trip. Atomicity: store->update is one Lua script (EVALSHA)
 * that checks that the digest is still in class `from`, applies every
 * decrement (clamped at zero) and increment and records the digest, in one
 * step, so concurrent learners on many machines never double-count.
 *
 * servers: "host:port", "host" (port 6379), "[v6addr]:port" or a Unix
 * socket path starting with '/'; a list separated by ',' or spaces is
 * tried in order and the first server that answers is used.
 *
 * Errors name the server and the cause: "redis '127.0.0.1:6379':
 * Connection refused". Connecting gives up after 1 s, a command after 5 s.
 * After an I/O error the next call reconnects once.
 */
#ifndef RSPAMC_SCAN_STORE_REDIS_H
#define RSPAMC_SCAN_STORE_REDIS_H

#include "err.h"
#include "store.h"

#define STORE_REDIS_DEFAULT_PREFIX "rspamc_bayes"
#define STORE_REDIS_CONNECT_TIMEOUT_MS 1000
#define STORE_REDIS_IO_TIMEOUT_MS 5000

/*
 * Connect to the first server of `servers` that answers. prefix may be
 * NULL (the default prefix). Returns a new store (close with
 * s->ops->close(s)) or NULL with err set.
 */
struct store *store_redis_open(const char *servers, const char *prefix,
			       struct err *err);

#endif
