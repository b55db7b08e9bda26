/*
 * test-scan-html.c - html_parse() on SAX events gives what a walk over
 * libxml2's tree gave: the tree builder's quirks (prefixed names, text
 * and elements after the root element, its depth limit) and the walk's
 * own depth limit. Expected values are those of the tree walk.
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "test.h"

/* prefix, then n copies of rep, then suffix (new string). */
static char *repeat(const char *prefix, const char *rep, int n,
		    const char *suffix)
{
	size_t lp = strlen(prefix), lr = strlen(rep), ls = strlen(suffix);
	char *s = malloc(lp + lr * (size_t)n + ls + 1), *o;
	int i;

	if (s == NULL)
		return NULL;
	memcpy(s, prefix, lp);
	o = s + lp;
	for (i = 0; i < n; i++, o += lr)
		memcpy(o, rep, lr);
	memcpy(o, suffix, ls + 1);
	return s;
}

static int parse(struct html_doc *d, const char *s)
{
	struct err err;

	html_doc_init(d);
	err_init(&err);
	return html_parse(d, s, strlen(s), &err);
}

static void test_prefixed_names(void)
{
	struct html_doc d;

	test_begin("html: o:p is p, x:a is an anchor");
	test_assert(parse(&d, "<o:p style=\"display:none\">hid</o:p>"
			      "<o:p>shown</o:p><x:a href=\"u1\">t</x:a>") == 0);
	test_assert(d.text != NULL && strcmp(d.text, "shown\nt") == 0);
	test_assert(d.invisible == 1);
	test_assert(d.n_links == 1);
	test_assert(d.n_links == 1 && strcmp(d.links[0].href, "u1") == 0 &&
		    strcmp(d.links[0].text, "t") == 0);
	html_doc_release(&d);
	test_end();
}

static void test_after_root(void)
{
	struct html_doc d;

	test_begin("html: elements after </html> inherit the root's style");
	test_assert(parse(&d, "<html style=\"color:white\"><body>a</body>"
			      "</html><p>after</p><font>x</font>") == 0);
	test_assert(d.text != NULL && strcmp(d.text, "aafter\nx") == 0);
	test_assert(d.invisible == 2);
	html_doc_release(&d);
	test_end();

	test_begin("html: not when a comment comes first");
	test_assert(parse(&d, "<!-- c --><html style=\"display:none\"><body>"
			      "a</body></html><p>after</p>") == 0);
	test_assert(d.text != NULL && strcmp(d.text, "after") == 0);
	html_doc_release(&d);
	test_end();

	test_begin("html: nor after a DOCTYPE, even a late one");
	test_assert(parse(&d, "<html style=\"display:none\"><body>a</body>"
			      "</html><!DOCTYPE html><p>after</p>") == 0);
	test_assert(d.text != NULL && strcmp(d.text, "after") == 0);
	html_doc_release(&d);
	test_end();
}

static void test_link_order(void)
{
	struct html_doc d;

	test_begin("html: an anchor is listed after the links inside it");
	test_assert(parse(&d, "<a href=x>go <img src=y></a>") == 0);
	test_assert(d.images == 1 && d.n_links == 2);
	test_assert(d.n_links == 2 && strcmp(d.links[0].href, "y") == 0 &&
		    d.links[0].text == NULL &&
		    strcmp(d.links[1].href, "x") == 0 &&
		    strcmp(d.links[1].text, "go") == 0);
	html_doc_release(&d);
	test_end();
}

static void test_depth(void)
{
	struct html_doc d;
	char *s, *head;

	/* html, body, 197 divs: the <p>s are at depth 200, their text at
	 * 201 (not text, but it makes the first <p> a hidden leaf), the
	 * span at 201 (not walked), the <img> at 200. */
	test_begin("html: the walk's depth limit");
	s = repeat("", "<div>", 197,
		   "<p style=\"font-size:0\">in</p><p>x<span>deep</span></p>"
		   "<img src=i>");
	test_assert(s != NULL && parse(&d, s) == 0);
	test_assert(d.text != NULL && strcmp(d.text, "") == 0);
	test_assert(d.invisible == 1 && d.zero_font == 1 && d.images == 1);
	test_assert(d.n_links == 1 && strcmp(d.links[0].href, "i") == 0);
	html_doc_release(&d);
	free(s);
	test_end();

	test_begin("html: the tree builder stops at 257 open elements");
	head = repeat("<p>e<a href=early>x ", "<b>", 300, "");
	s = head ? repeat(head, "</b>", 300, "<a href=late>l</a>") : NULL;
	free(head);
	test_assert(s != NULL && parse(&d, s) == 0);
	test_assert(d.text != NULL && strcmp(d.text, "ex") == 0);
	test_assert(d.n_links == 1 && strcmp(d.links[0].href, "early") == 0 &&
		    strcmp(d.links[0].text, "x") == 0);
	html_doc_release(&d);
	free(s);
	test_end();

	test_begin("html: 250 open elements are fine");
	head = repeat("<p>e<a href=early>x ", "<b>", 250, "");
	s = head ? repeat(head, "</b>", 250, "<a href=late>l</a>") : NULL;
	free(head);
	test_assert(s != NULL && parse(&d, s) == 0);
	test_assert(d.text != NULL && strcmp(d.text, "ex l") == 0);
	test_assert(d.n_links == 2 && strcmp(d.links[1].href, "late") == 0);
	html_doc_release(&d);
	free(s);
	test_end();
}

int main(void)
{
	test_prefixed_names();
	test_after_root();
	test_link_order();
	test_depth();
	return test_done();
}
