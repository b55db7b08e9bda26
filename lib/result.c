/* result.c - being written. */
