/* opts.c - being written. */
