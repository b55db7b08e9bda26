/* spawn.c - being written. */
