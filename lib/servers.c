/* servers.c - being written. */
