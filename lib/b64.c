/* b64.c - being written. */
