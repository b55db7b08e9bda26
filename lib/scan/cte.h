/*
 * cte.h - the Content-Transfer-Encoding rspamd 3.4 settles on for a part:
 * the declared one, the container's, or a guess from the first bytes when
 * none is declared or the declared one does not fit (rspamd's mime parser
 * heuristic). R_BAD_CTE_7BIT and compare_transfer_encoding() read it.
 */
#ifndef RSPAMC_SCAN_CTE_H
#define RSPAMC_SCAN_CTE_H

#include <stddef.h>

#include "msg.h"

enum cte { CTE_UNKNOWN, CTE_7BIT, CTE_8BIT, CTE_QP, CTE_B64, CTE_UUE };

/* rspamd's name of an encoding ("7bit", "quoted-printable", ...). */
const char *cte_name(enum cte cte);

/* The encoding rspamd settles on for leaf part i of m. */
enum cte cte_of_part(const struct msg *m, size_t i);

#endif
