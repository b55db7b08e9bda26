/*
 * scanner.h - the in-process scanner: an Rspamd-compatible rule engine.
 *
 * The public face of lib/scan/. A scanner is made once from configuration
 * (actions and thresholds, symbol scores, group caps) and scans message
 * buffers with an envelope into the same struct scan_result that an rspamd
 * reply fills, so every output path works unchanged.
 *
 * It lives in a loadable module (rspamc-scan.so, see scan_load()) so that
 * the HTTP client path does not pay for GMime/GLib/libxml2 at start-up.
 *
 * Ownership: scanner_new() returns a scanner to free with scanner_free();
 * scan() fills a result the caller initialised and releases.
 * Errors: a broken configuration file fails scanner_new() with the file and
 * line; scan() fails only on out-of-memory.
 */
#ifndef RSPAMC_SCAN_SCANNER_H
#define RSPAMC_SCAN_SCANNER_H

#include <stddef.h>

#include "err.h"
#include "result.h"
#include "store.h"

struct scan_envelope {
	const char *ip;           /* client IP, or NULL */
	const char *helo;
	const char *hostname;     /* the client's resolved name */
	const char *from;         /* MAIL FROM */
	const char *const *rcpts; /* RCPT TO list */
	size_t n_rcpts;
	const char *user;         /* authenticated user */
	const char *queue_id;
	double now;               /* scan time (epoch seconds); 0: the clock */
};

struct scanner;

/* What learn() did (see bayes.h). */
enum scan_learn_status {
	SCAN_LEARNED = 0,        /* learned as the class */
	SCAN_RELEARNED,          /* moved from the other class */
	SCAN_UNLEARNED,          /* forgotten */
	SCAN_ALREADY_LEARNED,    /* refused: already learned as that class */
	SCAN_NOT_LEARNED,        /* forget: it was never learned */
};

struct scanner_ops {
	int abi; /* SCANNER_ABI */
	/*
	 * config_path NULL: the default path; a missing default is fine.
	 * data_dir: where the default Bayes store lives (data_dir/rspamc/
	 * bayes.sqlite unless the configuration names dbpath): the program
	 * passes $XDG_DATA_HOME or ~/.local/share; the library reads no
	 * environment. NULL: the current directory.
	 */
	struct scanner *(*scanner_new)(const char *config_path,
				       const char *data_dir, struct err *err);
	void (*scanner_free)(struct scanner *s);
	int (*scan)(struct scanner *s, const char *msg, size_t len,
		    const struct scan_envelope *env, struct scan_result *r,
		    struct err *err);
	/*
	 * Learn a message into the Bayes store as `to` (BAYES_CLASS_NONE:
	 * forget it). Returns an enum scan_learn_status (>= 0); for
	 * SCAN_ALREADY_LEARNED and SCAN_NOT_LEARNED err holds the text to
	 * show ("<mid> has been already learned as spam, ignore it").
	 * -1 with err set when the store failed.
	 */
	int (*learn)(struct scanner *s, const char *msg, size_t len,
		     enum bayes_class to, struct err *err);
	/*
	 * Group commits for many learns (see bayes_batch()). After
	 * learn_batch(s), learn() results are final for their message (each
	 * is all-or-nothing, and a repeat in the same run is refused) but
	 * nothing is durable or visible to other processes before
	 * learn_flush() returns 0; until then the store's write lock is held,
	 * so flush every few hundred messages or a fraction of a second.
	 * learn_flush() returning -1 (err set) means every learn since the
	 * previous flush is lost; scanner_free() drops an unflushed batch.
	 */
	void (*learn_batch)(struct scanner *s);
	int (*learn_flush)(struct scanner *s, struct err *err);
};

#define SCANNER_ABI 2
#define SCANNER_MODULE_NAME "rspamc-scan.so"
#define SCANNER_ENTRY "rspamc_scanner"
/* The name the scanner puts in X-Spam-Scanner and the report. */
#define SCANNER_NAME "rspamc 3.4 (in-process)"

/* The configuration file used when none is given. */
#define SCANNER_DEFAULT_CONFIG "/etc/rspamc/scanner.conf"

/* Load the module (once) and return its ops, or NULL with err set. */
const struct scanner_ops *scan_load(const char *exe_path, struct err *err);

#endif
