/* output.c - being written. */
