/* cmd.c - being written. */
