/*
 * tokenize.h - the features the Bayes classifier counts: a message's
 * words, word pairs and structural tokens, as 64-bit hashes.
 *
 * Owns: struct bayes_tokens (its array, released by
 * bayes_tokens_release()). Tokens are unique per message and sorted by
 * hash. A change here changes what every learned store means: a store
 * learned with other tokens must be learned again (docs/bayes.md).
 */
#ifndef RSPAMC_SCAN_TOKENIZE_H
#define RSPAMC_SCAN_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"

/* OSB window: a word is paired with the next OSB_WINDOW - 1 words. */
#define OSB_WINDOW 5

/*
 * A token: its hash and its OSB distance (1-4), BAYES_UNIGRAM for a single
 * word, 0 for header tokens.
 */
#define BAYES_UNIGRAM 5
struct bayes_token {
	uint64_t hash;
	unsigned window;
};

struct bayes_tokens {
	struct bayes_token *v;
	size_t n, alloc;
	size_t n_text;            /* tokens from words: pairs and single */
};

/* Split UTF-8 text into lower-cased words; fn is called for each. */
void bayes_words(const char *text, size_t len,
		 void (*fn)(void *arg, const char *word, size_t len),
		 void *arg);
uint64_t bayes_hash(const char *s, size_t len);
/* The single-word token of word hash a. */
uint64_t bayes_unigram(uint64_t a);
/* The OSB pair token of word hashes a then b at distance d (1-4). */
uint64_t bayes_pair(uint64_t a, uint64_t b, unsigned d);
/* The tokens of m, sorted by hash, unique. -1 when out of memory. */
int bayes_tokenize(const struct msg *m, struct bayes_tokens *t);
void bayes_tokens_release(struct bayes_tokens *t);

#endif
