/*
 * test-result.c - result: reading /checkv2 replies, building results field
 * by field, writing them back in rspamd 3.4's order, action names.
 */
#include <stdlib.h>

#include "emit.h"
#include "result.h"
#include "test.h"

/* The /checkv2 body of examples/raw-http-reply-checkv2-greylisted.txt. */
static const char greylisted[] =
	"{\"is_skipped\":false,\"score\":6.0,\"required_score\":15.0,\"ac"
	"tion\":\"soft reject\",\"symbols\":{\"MIME_TRACE\":{\"name\":\"M"
	"IME_TRACE\",\"score\":0.0,\"metric_score\":0.0,\"options\":[\"0:"
	"+\"]},\"ASN_FAIL\":{\"name\":\"ASN_FAIL\",\"score\":0.0,\"metric"
	"_score\":0.0,\"options\":[\"7.2.0.192.asn.rspamd.com:query timed"
	" out\"]},\"ONCE_RECEIVED\":{\"name\":\"ONCE_RECEIVED\",\"score\""
	":0.100000,\"metric_score\":0.100000,\"description\":\"One receiv"
	"ed header in a message\"},\"ARC_NA\":{\"name\":\"ARC_NA\",\"scor"
	"e\":0.0,\"metric_score\":0.0,\"description\":\"ARC signature abs"
	"ent\"},\"FROM_HAS_DN\":{\"name\":\"FROM_HAS_DN\",\"score\":0.0,\""
	"metric_score\":0.0,\"description\":\"From header has a display n"
	"ame\"},\"R_SPF_DNSFAIL\":{\"name\":\"R_SPF_DNSFAIL\",\"score\":0"
	".0,\"metric_score\":0.0,\"description\":\"SPF DNS failure\",\"op"
	"tions\":[\"temporary DNS error\"]},\"TO_MATCH_ENVRCPT_ALL\":{\"n"
	"ame\":\"TO_MATCH_ENVRCPT_ALL\",\"score\":0.0,\"metric_score\":0."
	"0,\"description\":\"All of the recipients match the envelope\"},"
	"\"GREYLIST\":{\"name\":\"GREYLIST\",\"score\":0.0,\"metric_score"
	"\":0.0,\"options\":[\"greylisted\",\"Sun, 22 Nov 2026 00:38:22 G"
	"MT\",\"new record\"]},\"MIME_GOOD\":{\"name\":\"MIME_GOOD\",\"sc"
	"ore\":-0.100000,\"metric_score\":-0.100000,\"description\":\"Kno"
	"wn content-type\",\"options\":[\"text/plain\"]},\"RDNS_NONE\":{\""
	"name\":\"RDNS_NONE\",\"score\":1.0,\"metric_score\":1.0,\"descri"
	"ption\":\"Cannot resolve reverse DNS for sender's IP\"},\"RCPT_C"
	"OUNT_ONE\":{\"name\":\"RCPT_COUNT_ONE\",\"score\":0.0,\"metric_s"
	"core\":0.0,\"description\":\"One recipient\",\"options\":[\"1\"]"
	"},\"TO_DN_ALL\":{\"name\":\"TO_DN_ALL\",\"score\":0.0,\"metric_s"
	"core\":0.0,\"description\":\"All the recipients have display nam"
	"es\"},\"DMARC_DNSFAIL\":{\"name\":\"DMARC_DNSFAIL\",\"score\":0."
	"0,\"metric_score\":0.0,\"options\":[\"example.org : query timed "
	"out\"]},\"RCVD_COUNT_ZERO\":{\"name\":\"RCVD_COUNT_ZERO\",\"scor"
	"e\":0.0,\"metric_score\":0.0,\"description\":\"Message has no Re"
	"ceived headers\",\"options\":[\"0\"]},\"FROM_EQ_ENVFROM\":{\"nam"
	"e\":\"FROM_EQ_ENVFROM\",\"score\":0.0,\"metric_score\":0.0,\"des"
	"cription\":\"From address is the same as the envelope\"},\"R_DKI"
	"M_NA\":{\"name\":\"R_DKIM_NA\",\"score\":0.0,\"metric_score\":0."
	"0,\"description\":\"Missing DKIM signature\"},\"DATE_IN_PAST\":{"
	"\"name\":\"DATE_IN_PAST\",\"score\":1.0,\"metric_score\":1.0,\"d"
	"escription\":\"Message date is in past\",\"options\":[\"26342\"]"
	"},\"HFILTER_FROMHOST_NORES_A_OR_MX\":{\"name\":\"HFILTER_FROMHOS"
	"T_NORES_A_OR_MX\",\"score\":1.500000,\"metric_score\":1.500000,\""
	"description\":\"FROM host no resolve to A or MX\",\"options\":[\""
	"example.org\"]},\"MID_RHS_MATCH_FROM\":{\"name\":\"MID_RHS_MATCH"
	"_FROM\",\"score\":0.0,\"metric_score\":0.0,\"description\":\"Mes"
	"sage-ID RHS matches From domain\"},\"HFILTER_HOSTNAME_UNKNOWN\":"
	"{\"name\":\"HFILTER_HOSTNAME_UNKNOWN\",\"score\":2.500000,\"metr"
	"ic_score\":2.500000,\"description\":\"Unknown client hostname (P"
	"TR or FCrDNS verification failed)\"},\"RDNS_DNSFAIL\":{\"name\":"
	"\"RDNS_DNSFAIL\",\"score\":0.0,\"metric_score\":0.0,\"descriptio"
	"n\":\"PTR verification DNS error\"}},\"messages\":{\"smtp_messag"
	"e\":\"Try again later\"},\"urls\":[\"www.example.com\"],\"emails"
	"\":[\"carol@example.com\"],\"message-id\":\"test-msg-1@example.o"
	"rg\",\"time_real\":0.814936,\"milter\":{\"remove_headers\":{\"X-"
	"Spam\":0}}}";

/* examples/fake-canned-reply-1.json: every milter add_headers form. */
static const char canned[] =
	"{\"is_skipped\":false,\"score\":7.25,\"required_score\":15.0,\"a"
	"ction\":\"soft reject\",\"subject\":\"[SPAM] Lunch\",\"symbols\""
	":{\"ZED_SYM\":{\"name\":\"ZED_SYM\",\"score\":1.5,\"metric_score"
	"\":1.5,\"description\":\"zed\",\"options\":[\"opt1\",\"opt two\""
	"]},\"ALPHA_SYM\":{\"name\":\"ALPHA_SYM\",\"score\":-0.25,\"metri"
	"c_score\":-0.25},\"MID_SYM\":{\"name\":\"MID_SYM\",\"score\":6.0"
	",\"metric_score\":3.0,\"options\":[]}},\"messages\":{\"smtp_mess"
	"age\":\"Try again later\",\"other\":{\"a\":1,\"b\":\"xxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}},\"ur"
	"ls\":[\"www.example.com\",\"example.net\"],\"emails\":[\"a@examp"
	"le.com\"],\"message-id\":\"mid@example.org\",\"queue-id\":\"QID1"
	"23\",\"time_real\":0.5,\"dkim-signature\":\"v=1; a=rsa-sha256; d"
	"=example.org; s=sel; b=AAAA\",\"milter\":{\"add_headers\":{\"X-M"
	"ilter-Added\":{\"value\":\"added value\",\"order\":0},\"X-Plain\""
	":\"plain value\",\"X-Multi\":[{\"value\":\"m1\",\"order\":0},\"m"
	"2\"]},\"remove_headers\":{\"X-Spam\":0,\"X-Old\":1}},\"error\":\""
	"some scan error text\"}";

static const struct result_symbol *find_symbol(const struct scan_result *r,
					       const char *name)
{
	size_t i;

	for (i = 0; i < r->n_symbols; i++)
		if (strcmp(r->symbols[i].name, name) == 0)
			return &r->symbols[i];
	return NULL;
}

static int parse(struct scan_result *r, const char *text, struct err *err)
{
	result_init(r);
	err_init(err);
	return result_parse(r, text, strlen(text), err);
}

static void test_greylisted(void)
{
	const struct result_symbol *s;
	struct scan_result r;
	struct err err;

	test_begin("a real rspamd 3.4 reply fills the model");
	test_assert(parse(&r, greylisted, &err) == 0);
	test_assert(!r.is_skipped);
	test_assert(r.has_score && r.score == 6.0);
	test_assert(r.has_required && r.required_score == 15.0);
	test_assert_str(r.action, "soft reject");
	test_assert(r.subject == NULL);
	test_assert(r.n_symbols == 21);
	test_assert_str(r.symbols[0].name, "MIME_TRACE");
	test_assert_str(r.symbols[20].name, "RDNS_DNSFAIL");
	s = find_symbol(&r, "MIME_GOOD");
	test_assert(s != NULL && s->has_score && s->score == -0.1 &&
		    s->metric_score == -0.1);
	test_assert(s != NULL && s->has_options && s->n_options == 1);
	test_assert_str(s ? s->options[0] : NULL, "text/plain");
	test_assert_str(s ? s->description : NULL, "Known content-type");
	s = find_symbol(&r, "GREYLIST");
	test_assert(s != NULL && s->n_options == 3 && s->description == NULL);
	test_assert_str(s ? s->options[1] : NULL,
			"Sun, 22 Nov 2026 00:38:22 GMT");
	s = find_symbol(&r, "ARC_NA");
	test_assert(s != NULL && !s->has_options && s->n_options == 0);
	test_assert(json_is_object(r.messages));
	test_assert_str(json_string_value(json_object_get(r.messages,
							  "smtp_message")),
			"Try again later");
	test_assert(json_array_size(r.urls) == 1);
	test_assert_str(json_string_value(json_array_get(r.emails, 0)),
			"carol@example.com");
	test_assert_str(r.message_id, "test-msg-1@example.org");
	test_assert(r.queue_id == NULL);
	test_assert(r.has_time_real && r.time_real == 0.814936);
	test_assert(r.n_dkim_signatures == 0 && r.n_add_headers == 0);
	test_assert(r.n_remove_headers == 1);
	test_assert_str(r.remove_headers[0].name, "X-Spam");
	test_assert(r.remove_headers[0].index == 0);
	test_assert(r.n_thresholds == 0 && r.profile == NULL);
	test_assert(r.error == NULL && r.scanner == NULL);
	test_assert(json_is_object(r.raw));
	result_release(&r);
	test_end();
}

static void test_canned(void)
{
	const struct result_symbol *s;
	struct scan_result r;
	struct err err;

	test_begin("milter headers in all three forms, dkim, error");
	test_assert(parse(&r, canned, &err) == 0);
	test_assert_str(r.subject, "[SPAM] Lunch");
	test_assert(r.score == 7.25);
	s = find_symbol(&r, "MID_SYM");
	test_assert(s != NULL && s->has_options && s->n_options == 0);
	test_assert(s != NULL && s->score == 6.0 && s->metric_score == 3.0);
	s = find_symbol(&r, "ALPHA_SYM");
	test_assert(s != NULL && !s->has_options && s->description == NULL);
	test_assert(json_is_object(json_object_get(r.messages, "other")));
	test_assert_str(r.queue_id, "QID123");
	test_assert(r.n_dkim_signatures == 1);
	test_assert_str(r.dkim_signatures[0],
			"v=1; a=rsa-sha256; d=example.org; s=sel; b=AAAA");
	test_assert_str(r.error, "some scan error text");
	test_assert(r.n_add_headers == 4);
	if (r.n_add_headers == 4) {
		test_assert_str(r.add_headers[0].name, "X-Milter-Added");
		test_assert_str(r.add_headers[0].value, "added value");
		test_assert(r.add_headers[0].order == 0);
		test_assert_str(r.add_headers[1].name, "X-Plain");
		test_assert_str(r.add_headers[1].value, "plain value");
		test_assert(r.add_headers[1].order == -1);
		test_assert_str(r.add_headers[2].name, "X-Multi");
		test_assert_str(r.add_headers[2].value, "m1");
		test_assert(r.add_headers[2].order == 0);
		test_assert_str(r.add_headers[3].name, "X-Multi");
		test_assert_str(r.add_headers[3].value, "m2");
		test_assert(r.add_headers[3].order == -1);
	}
	test_assert(r.n_remove_headers == 2);
	if (r.n_remove_headers == 2) {
		test_assert_str(r.remove_headers[1].name, "X-Old");
		test_assert(r.remove_headers[1].index == 1);
	}
	result_release(&r);
	test_end();
}

static void copy_symbols(struct scan_result *dst, const struct scan_result *src)
{
	const struct result_symbol *from;
	struct result_symbol *to;
	size_t i, k;

	for (i = 0; i < src->n_symbols; i++) {
		from = &src->symbols[i];
		to = result_add_symbol(dst, from->name, from->score,
				       from->metric_score, from->description);
		test_assert(to != NULL);
		if (to == NULL)
			return;
		to->has_options = from->has_options;
		for (k = 0; k < from->n_options; k++)
			test_assert(result_symbol_add_option(
					    to, from->options[k]) == 0);
	}
}

/* Rebuild src with the setters only, as the in-process scanner would. */
static void rebuild(struct scan_result *dst, const struct scan_result *src)
{
	size_t i;

	result_init(dst);
	dst->is_skipped = src->is_skipped;
	dst->has_score = src->has_score;
	dst->score = src->score;
	dst->has_required = src->has_required;
	dst->required_score = src->required_score;
	test_assert(result_set_str(&dst->action, src->action) == 0);
	test_assert(result_set_str(&dst->subject, src->subject) == 0);
	copy_symbols(dst, src);
	dst->messages = json_incref(src->messages);
	dst->urls = json_incref(src->urls);
	dst->emails = json_incref(src->emails);
	test_assert(result_set_str(&dst->message_id, src->message_id) == 0);
	test_assert(result_set_str(&dst->queue_id, src->queue_id) == 0);
	dst->has_time_real = src->has_time_real;
	dst->time_real = src->time_real;
	for (i = 0; i < src->n_dkim_signatures; i++)
		test_assert(result_add_dkim_signature(
				    dst, src->dkim_signatures[i]) == 0);
	for (i = 0; i < src->n_add_headers; i++)
		test_assert(result_add_milter_header(
				    dst, src->add_headers[i].name,
				    src->add_headers[i].value,
				    src->add_headers[i].order) == 0);
	for (i = 0; i < src->n_remove_headers; i++)
		test_assert(result_add_remove_header(
				    dst, src->remove_headers[i].name,
				    src->remove_headers[i].index) == 0);
	dst->profile = json_incref(src->profile);
	test_assert(result_set_str(&dst->error, src->error) == 0);
}

static void emit_result(struct buf *out, const struct scan_result *r)
{
	struct err err;
	json_t *v = result_to_json(r);

	err_init(&err);
	test_assert(v != NULL);
	if (v != NULL)
		test_assert(emit_value(out, v, EMIT_JSON_COMPACT, &err) == 0);
	json_decref(v);
}

static void check_rebuilt(const char *name, const char *reply)
{
	struct buf from_raw = BUF_INIT, built = BUF_INIT;
	struct scan_result r, b;
	struct err err;

	test_begin(name);
	test_assert(parse(&r, reply, &err) == 0);
	rebuild(&b, &r);
	test_assert(b.raw == NULL);
	emit_result(&from_raw, &r);
	emit_result(&built, &b);
	test_assert_mem(built.data, built.len, from_raw.data, from_raw.len);
	buf_release(&from_raw);
	buf_release(&built);
	result_release(&b);
	result_release(&r);
	test_end();
}

static void test_to_json(void)
{
	struct buf out = BUF_INIT;
	struct scan_result r;
	struct err err;
	json_t *v;

	check_rebuilt("a built result writes like rspamd's greylisted reply",
		      greylisted);
	check_rebuilt("a built result writes milter headers like the canned "
		      "reply",
		      canned);

	test_begin("result_to_json gives back the reply itself");
	test_assert(parse(&r, "{\"b\":1,\"a\":2.50}", &err) == 0);
	v = result_to_json(&r);
	test_assert(v == r.raw);
	test_assert(emit_value(&out, v, EMIT_JSON_COMPACT, &err) == 0);
	test_assert_str(out.data, "{\"b\":1,\"a\":2.500000}");
	json_decref(v);
	buf_release(&out);
	result_release(&r);
	test_end();

	test_begin("an empty built result has rspamd's fixed keys");
	result_init(&r);
	emit_result(&out, &r);
	test_assert_str(out.data, "{\"is_skipped\":false,\"score\":0.0,"
				  "\"required_score\":0.0,\"symbols\":{},"
				  "\"messages\":{}}");
	buf_release(&out);
	result_release(&r);
	test_end();

	test_begin("a built result: scores are reals, dkim arrays, profile");
	result_init(&r);
	r.has_score = true;
	r.score = 15;
	r.has_required = true;
	r.required_score = 15;
	test_assert(result_set_str(&r.action, "reject") == 0);
	test_assert(result_add_symbol(&r, "GTUBE", 15, 0, "gtube") != NULL);
	test_assert(result_add_dkim_signature(&r, "a") == 0);
	test_assert(result_add_dkim_signature(&r, "b") == 0);
	test_assert(result_add_remove_header(&r, "X-Spam", 0) == 0);
	r.profile = json_object();
	emit_result(&out, &r);
	test_assert_str(out.data,
			"{\"is_skipped\":false,\"score\":15.0,"
			"\"required_score\":15.0,\"action\":\"reject\","
			"\"symbols\":{\"GTUBE\":{\"name\":\"GTUBE\","
			"\"score\":15.0,\"metric_score\":0.0,"
			"\"description\":\"gtube\"}},\"messages\":{},"
			"\"dkim-signature\":[\"a\",\"b\"],"
			"\"milter\":{\"remove_headers\":{\"X-Spam\":0}},"
			"\"profile\":{}}");
	buf_release(&out);
	result_release(&r);
	test_end();
}

static void test_lenient(void)
{
	struct scan_result r;
	struct err err;

	test_begin("mistyped keys count as absent, not as errors");
	test_assert(parse(&r, "{\"score\":\"x\",\"action\":5,\"symbols\":[],"
			      "\"messages\":[],\"urls\":{},\"is_skipped\":1,"
			      "\"dkim-signature\":[\"s\",7],\"milter\":[]}",
			  &err) == 0);
	test_assert(!r.has_score && !r.has_required && r.action == NULL);
	test_assert(r.n_symbols == 0 && r.messages == NULL && r.urls == NULL);
	test_assert(!r.is_skipped && r.n_dkim_signatures == 1);
	result_release(&r);
	test_end();

	test_begin("odd symbol entries and non-string options");
	test_assert(parse(&r, "{\"symbols\":{\"A\":{\"options\":[1,\"x\",{}]},"
			      "\"B\":7}}",
			  &err) == 0);
	test_assert(r.n_symbols == 2);
	test_assert(!r.symbols[0].has_score && r.symbols[0].n_options == 3);
	test_assert_str(r.symbols[0].options[0], "1");
	test_assert_str(r.symbols[0].options[2], "{}");
	test_assert_str(r.symbols[1].name, "B");
	test_assert(!r.symbols[1].has_options);
	result_release(&r);
	test_end();

	test_begin("thresholds are read and sorted by score");
	test_assert(parse(&r, "{\"thresholds\":{\"reject\":15,\"greylist\":4,"
			      "\"add header\":6.5}}",
			  &err) == 0);
	test_assert(r.n_thresholds == 3);
	if (r.n_thresholds == 3) {
		test_assert_str(r.thresholds[0].action, "greylist");
		test_assert_str(r.thresholds[1].action, "add header");
		test_assert(r.thresholds[2].score == 15.0);
	}
	result_release(&r);
	test_end();
}

static void test_parse_errors(void)
{
	struct scan_result r;
	struct err err;

	test_begin("result_parse names what is wrong with the bytes");
	test_assert(parse(&r, "", &err) == -1);
	test_assert_str(err.msg, "empty reply");
	result_release(&r);
	test_assert(parse(&r, "[1,2]", &err) == -1);
	test_assert_str(err.msg, "reply is not a JSON object");
	result_release(&r);
	test_assert(parse(&r, "\"s\"", &err) == -1);
	test_assert_str(err.msg, "reply is not a JSON object");
	result_release(&r);
	test_assert(parse(&r, "<html>", &err) == -1);
	test_assert_str(err.msg, "cannot parse reply: invalid token near '<' "
				 "at line 1 column 1");
	result_release(&r);
	test_assert(parse(&r, "{\"a\":1,\n\"b\":}", &err) == -1);
	test_assert_str(err.msg, "cannot parse reply: unexpected token near "
				 "'}' at line 2 column 5");
	result_release(&r);
	test_assert(parse(&r, "{} trailing", &err) == -1);
	test_assert(strncmp(err.msg, "cannot parse reply: ", 20) == 0);
	result_release(&r);
	test_end();

	test_begin("result_parse reads exactly len bytes");
	result_init(&r);
	err_init(&err);
	test_assert(result_parse(&r, "{\"action\":\"a\\u0000b\"}garbage", 21,
				 &err) == 0);
	test_assert(r.action != NULL && strcmp(r.action, "a") == 0);
	result_release(&r);
	test_end();
}

static void test_actions(void)
{
	test_begin("known actions, any case, '_' for ' '");
	test_assert_str(result_known_action("reject"), "reject");
	test_assert_str(result_known_action("Reject"), "reject");
	test_assert_str(result_known_action("soft_reject"), "soft reject");
	test_assert_str(result_known_action("REWRITE SUBJECT"),
			"rewrite subject");
	test_assert_str(result_known_action("add_header"), "add header");
	test_assert_str(result_known_action("Add Header"), "add header");
	test_assert_str(result_known_action("greylist"), "greylist");
	test_assert_str(result_known_action("no action"), "no action");
	test_assert_str(result_known_action("no_action"), "no action");
	test_assert(result_known_action("discard") == NULL);
	test_assert(result_known_action("rejected") == NULL);
	test_assert(result_known_action("rejec") == NULL);
	test_assert(result_known_action("") == NULL);
	test_assert(result_known_action(NULL) == NULL);
	test_end();

	test_begin("spam actions");
	test_assert(result_action_is_spam("reject"));
	test_assert(result_action_is_spam("soft reject"));
	test_assert(result_action_is_spam("rewrite_subject"));
	test_assert(result_action_is_spam("add header"));
	test_assert(!result_action_is_spam("greylist"));
	test_assert(!result_action_is_spam("no action"));
	test_assert(!result_action_is_spam("discard"));
	test_assert(!result_action_is_spam(NULL));
	test_end();
}

int main(void)
{
	test_greylisted();
	test_canned();
	test_to_json();
	test_lenient();
	test_parse_errors();
	test_actions();
	return test_done();
}
