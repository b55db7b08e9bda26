/* rewrite.c - being written. */
