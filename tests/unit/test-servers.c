/* test-servers.c - parsing of -h values, default ports, failover state. */
#include "servers.h"
#include "test.h"

static int parse(struct server_list *l, const char *spec, struct err *err)
{
	servers_release(l);
	err_init(err);
	return servers_parse(l, spec, err);
}

static void test_forms(void)
{
	struct server_list l;
	struct err err;

	servers_init(&l);

	test_begin("host without port");
	test_assert(parse(&l, "localhost", &err) == 0);
	test_assert(l.n == 1);
	test_assert_str(l.v[0].host, "localhost");
	test_assert_str(l.v[0].name, "localhost");
	test_assert(l.v[0].port == 0);
	test_assert(l.v[0].unix_path == NULL);
	test_end();

	test_begin("host:port");
	test_assert(parse(&l, "rspamd.example:11333", &err) == 0);
	test_assert(l.n == 1);
	test_assert_str(l.v[0].host, "rspamd.example");
	test_assert(l.v[0].port == 11333);
	test_end();

	test_begin("[v6]:port and [v6]");
	test_assert(parse(&l, "[::1]:18001,[2001:db8::1]", &err) == 0);
	test_assert(l.n == 2);
	test_assert_str(l.v[0].host, "::1");
	test_assert_str(l.v[0].name, "[::1]:18001");
	test_assert(l.v[0].port == 18001);
	test_assert_str(l.v[1].host, "2001:db8::1");
	test_assert(l.v[1].port == 0);
	test_end();

	test_begin("bare IPv6 literal is a host without port");
	test_assert(parse(&l, "::1", &err) == 0);
	test_assert(l.n == 1);
	test_assert_str(l.v[0].host, "::1");
	test_assert(l.v[0].port == 0);
	test_end();

	test_begin("unix socket");
	test_assert(parse(&l, "/run/rspamd/worker.sock", &err) == 0);
	test_assert(l.n == 1);
	test_assert(l.v[0].host == NULL);
	test_assert_str(l.v[0].unix_path, "/run/rspamd/worker.sock");
	test_assert(l.v[0].port == 0);
	test_assert(server_port(&l.v[0], false) == 0);
	test_end();

	test_begin("comma list with spaces");
	test_assert(parse(&l, " 127.0.0.1:1 , h2:2,\t/tmp/s.sock ", &err) == 0);
	test_assert(l.n == 3);
	test_assert_str(l.v[0].name, "127.0.0.1:1");
	test_assert_str(l.v[0].host, "127.0.0.1");
	test_assert(l.v[0].port == 1);
	test_assert_str(l.v[1].host, "h2");
	test_assert(l.v[1].port == 2);
	test_assert_str(l.v[2].unix_path, "/tmp/s.sock");
	test_end();

	test_begin("parse appends to the list");
	servers_release(&l);
	test_assert(servers_parse(&l, "a:1", &err) == 0);
	test_assert(servers_parse(&l, "b:2", &err) == 0);
	test_assert(l.n == 2);
	test_assert_str(l.v[1].host, "b");
	test_end();

	test_begin("port bounds 1 and 65535");
	test_assert(parse(&l, "h:1,h:65535", &err) == 0);
	test_assert(l.v[0].port == 1 && l.v[1].port == 65535);
	test_end();

	servers_release(&l);
}

static void test_errors(void)
{
	struct server_list l;
	struct err err;

	servers_init(&l);

	test_begin("non-numeric port");
	test_assert(parse(&l, "host:abc", &err) < 0);
	test_assert_str(err.msg, "invalid port 'abc' in server 'host:abc'");
	test_end();

	test_begin("empty port");
	test_assert(parse(&l, "host:", &err) < 0);
	test_assert_str(err.msg, "missing port after ':' in server 'host:'");
	test_end();

	test_begin("port out of range");
	test_assert(parse(&l, "host:99999", &err) < 0);
	test_assert_str(err.msg,
			"port '99999' out of range 1-65535 in server "
			"'host:99999'");
	test_assert(parse(&l, "host:0", &err) < 0);
	test_assert(parse(&l, "host:65536", &err) < 0);
	test_assert(parse(&l, "host:99999999999999999999999", &err) < 0);
	test_assert(parse(&l, "host:-1", &err) < 0);
	test_assert(parse(&l, "host:+80", &err) < 0);
	test_assert(parse(&l, "host: 80", &err) < 0);
	test_end();

	test_begin("empty elements");
	test_assert(parse(&l, "", &err) < 0);
	test_assert_str(err.msg, "empty server name in ''");
	test_assert(parse(&l, "a:1,,b:2", &err) < 0);
	test_assert_str(err.msg, "empty server name in 'a:1,,b:2'");
	test_assert(parse(&l, "a:1, ", &err) < 0);
	test_end();

	test_begin("missing host");
	test_assert(parse(&l, ":11333", &err) < 0);
	test_assert_str(err.msg, "missing host in server ':11333'");
	test_end();

	test_begin("bad brackets");
	test_assert(parse(&l, "[::1", &err) < 0);
	test_assert_str(err.msg, "missing ']' in server '[::1'");
	test_assert(parse(&l, "[]:80", &err) < 0);
	test_assert_str(err.msg, "empty address in server '[]:80'");
	test_assert(parse(&l, "[::1]x", &err) < 0);
	test_assert_str(err.msg, "unexpected text after ']' in server '[::1]x'");
	test_assert(parse(&l, "[::1]:x", &err) < 0);
	test_end();

	servers_release(&l);
}

static void test_default_port(void)
{
	struct server_list l;
	struct err err;

	servers_init(&l);
	err_init(&err);

	test_begin("default port: local hosts use the controller");
	test_assert(servers_parse(&l, "localhost,127.0.0.1,[::1],::1,"
				      "example.org,example.org:5",
				  &err) == 0);
	test_assert(l.n == 6);
	test_assert(server_port(&l.v[0], false) == 11334);
	test_assert(server_port(&l.v[1], false) == 11334);
	test_assert(server_port(&l.v[2], false) == 11334);
	test_assert(server_port(&l.v[3], false) == 11334);
	test_assert(server_port(&l.v[0], true) == 11334);
	test_assert(server_port(&l.v[4], false) == 11333);
	test_assert(server_port(&l.v[4], true) == 11334);
	test_assert(server_port(&l.v[5], false) == 5);
	test_assert(server_port(&l.v[5], true) == 5);
	test_end();

	servers_release(&l);
}

static void test_failover(void)
{
	struct server_list l;
	struct err err;
	struct server *s;

	servers_init(&l);
	err_init(&err);
	test_assert(servers_parse(&l, "a:1,b:2,c:3", &err) == 0);

	test_begin("defaults");
	test_assert(l.dead_time == 30.0);
	test_assert(l.max_errors == 1);
	test_end();

	test_begin("pick returns the first live server from start");
	test_assert(servers_pick(&l, 0, 100) == &l.v[0]);
	test_assert(l.next == 1);
	test_assert(servers_pick(&l, 2, 100) == &l.v[2]);
	test_assert(l.next == 0);
	test_assert(servers_pick(&l, 3, 100) == &l.v[0]);
	test_end();

	test_begin("a failed server is skipped for dead_time");
	servers_failed(&l, &l.v[0], 100);
	test_assert(l.v[0].errors == 1);
	test_assert(servers_pick(&l, 0, 100) == &l.v[1]);
	test_assert(servers_pick(&l, 0, 129.9) == &l.v[1]);
	test_assert(servers_pick(&l, 0, 130) == &l.v[0]);
	test_end();

	test_begin("success clears the failure");
	servers_succeeded(&l, &l.v[0]);
	test_assert(l.v[0].errors == 0);
	test_assert(servers_pick(&l, 0, 100) == &l.v[0]);
	test_end();

	test_begin("max_errors consecutive failures are needed");
	l.max_errors = 3;
	servers_failed(&l, &l.v[0], 100);
	servers_failed(&l, &l.v[0], 101);
	test_assert(servers_pick(&l, 0, 101) == &l.v[0]);
	servers_succeeded(&l, &l.v[0]);
	servers_failed(&l, &l.v[0], 102);
	servers_failed(&l, &l.v[0], 103);
	test_assert(servers_pick(&l, 0, 103) == &l.v[0]);
	servers_failed(&l, &l.v[0], 104);
	test_assert(servers_pick(&l, 0, 104) == &l.v[1]);
	test_assert(servers_pick(&l, 0, 134) == &l.v[0]);
	test_end();

	test_begin("all dead: the one that died first");
	servers_release(&l);
	test_assert(servers_parse(&l, "a:1,b:2,c:3", &err) == 0);
	servers_failed(&l, &l.v[1], 10);
	servers_failed(&l, &l.v[2], 11);
	servers_failed(&l, &l.v[0], 12);
	s = servers_pick(&l, 0, 20);
	test_assert(s == &l.v[1]);
	test_assert(servers_pick(&l, 2, 20) == &l.v[1]);
	/* b comes back first; its next failure kills it again. */
	test_assert(servers_pick(&l, 0, 40) == &l.v[1]);
	servers_failed(&l, &l.v[1], 40);
	test_assert(servers_pick(&l, 0, 41) == &l.v[2]);
	test_end();

	test_begin("empty list");
	servers_release(&l);
	test_assert(servers_pick(&l, 0, 0) == NULL);
	test_end();

	servers_release(&l);
}

int main(void)
{
	test_forms();
	test_errors();
	test_default_port();
	test_failover();
	return test_done();
}
