/* run.c - being written. */
