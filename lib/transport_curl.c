/* transport_curl.c - being written. */
