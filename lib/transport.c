/* transport.c - being written. */
