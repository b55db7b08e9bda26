/* emit.c - being written. */
