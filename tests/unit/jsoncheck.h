/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * jsoncheck.h: a strict validator for one JSON text (RFC 8259), written
 * independently of the writer it checks: it accepts only what the grammar
 * allows and requires strings to be valid UTF-8.
 */
#ifndef COREBPF_JSONCHECK_H
#define COREBPF_JSONCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct jc {
	const unsigned char *p, *end;
	int depth;
};

static bool jc_value(struct jc *c);

static void jc_ws(struct jc *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool jc_lit(struct jc *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n))
		return false;
	c->p += n;
	return true;
}

static bool jc_hex(unsigned char h)
{
	return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
}

static bool jc_string(struct jc *c)
{
	if (c->p >= c->end || *c->p != '"')
		return false;
	c->p++;
	while (c->p < c->end) {
		unsigned char ch = *c->p;
		int n, i;

		if (ch == '"') {
			c->p++;
			return true;
		}
		if (ch < 0x20)
			return false;
		if (ch == '\\') {
			if (++c->p >= c->end)
				return false;
			switch (*c->p) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				c->p++;
				continue;
			case 'u':
				for (i = 1; i <= 4; i++)
					if (c->p + i >= c->end || !jc_hex(c->p[i]))
						return false;
				c->p += 5;
				continue;
			}
			return false;
		}
		if (ch < 0x80) {
			c->p++;
			continue;
		}
		/* UTF-8: no overlongs, surrogates or values past U+10FFFF. */
		if (ch >= 0xc2 && ch <= 0xdf)
			n = 1;
		else if (ch >= 0xe0 && ch <= 0xef)
			n = 2;
		else if (ch >= 0xf0 && ch <= 0xf4)
			n = 3;
		else
			return false;
		if (c->end - c->p <= n)
			return false;
		for (i = 1; i <= n; i++)
			if ((c->p[i] & 0xc0) != 0x80)
				return false;
		if ((ch == 0xe0 && c->p[1] < 0xa0) || (ch == 0xed && c->p[1] >= 0xa0) ||
		    (ch == 0xf0 && c->p[1] < 0x90) || (ch == 0xf4 && c->p[1] >= 0x90))
			return false;
		c->p += n + 1;
	}
	return false;
}

static bool jc_number(struct jc *c)
{
	const unsigned char *start = c->p;

	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (c->p >= c->end)
		return false;
	if (*c->p == '0') {
		c->p++;
	} else if (*c->p >= '1' && *c->p <= '9') {
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	} else {
		return false;
	}
	if (c->p < c->end && *c->p == '.') {
		c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return false;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	return c->p > start;
}

static bool jc_container(struct jc *c, char open, char close, bool object)
{
	if (++c->depth > 64)
		return false;
	c->p++;
	jc_ws(c);
	if (c->p < c->end && *c->p == (unsigned char)close) {
		c->p++;
		c->depth--;
		return true;
	}
	for (;;) {
		jc_ws(c);
		if (object) {
			if (!jc_string(c))
				return false;
			jc_ws(c);
			if (c->p >= c->end || *c->p != ':')
				return false;
			c->p++;
		}
		if (!jc_value(c))
			return false;
		jc_ws(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == (unsigned char)close) {
			c->p++;
			c->depth--;
			return true;
		}
		return false;
	}
}

static bool jc_value(struct jc *c)
{
	jc_ws(c);
	if (c->p >= c->end)
		return false;
	switch (*c->p) {
	case '{': return jc_container(c, '{', '}', true);
	case '[': return jc_container(c, '[', ']', false);
	case '"': return jc_string(c);
	case 't': return jc_lit(c, "true");
	case 'f': return jc_lit(c, "false");
	case 'n': return jc_lit(c, "null");
	}
	return jc_number(c);
}

/* Whether text[0..len) is exactly one JSON value (surrounding blanks allowed). */
static inline bool json_valid(const char *text, size_t len)
{
	struct jc c = { (const unsigned char *)text, (const unsigned char *)text + len, 0 };

	if (!jc_value(&c))
		return false;
	jc_ws(&c);
	return c.p == c.end;
}

#endif /* COREBPF_JSONCHECK_H */
