#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "xmalloc.h"

void
draft_doc_add(struct draft_doc *d, enum draft_block_kind kind,
    const char *text, size_t len, const char *marker, int indent,
    size_t line)
{
	struct draft_block *b;
	size_t at;

	if (d->n >= DRAFT_MAX_BLOCKS) {
		d->full = 1;
		return;
	}
	d->b = xgrow(d->b, &d->cap, d->n + 1, sizeof *d->b);
	b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = xstrndup(text, len);
	if (text_problem_at(b->text, strlen(b->text), &at) != NULL) {
		struct buf c = BUF_INIT;

		text_clean(&c, b->text, NULL);
		free(b->text);
		b->text = buf_detach(&c);
	}
	if (marker != NULL)
		snprintf(b->marker, sizeof b->marker, "%s", marker);
	b->indent = indent;
	b->line = line;
}

void
draft_doc_free(struct draft_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->b[i].text);
	free(d->b);
	d->b = NULL;
	d->n = d->cap = 0;
}

char *
draft_clean_input(const char *file, const char *s, size_t len,
    size_t *outlen)
{
	struct buf b = BUF_INIT;
	utf8proc_uint8_t *nfc = NULL;
	size_t i = 0, line = 1, col = 1;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(
		    (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i),
		    &cp);

		if (n < 0 || cp == 0) {
			diag_at(file, line, col, "%s: this is not a text "
			    "document (save it as text, HTML or PDF)",
			    n < 0 ? "invalid UTF-8" : "a NUL byte");
			buf_release(&b);
			return NULL;
		}
		if (cp == '\r') {
			if (i + 1 >= len || s[i + 1] != '\n')
				buf_addc(&b, '\n');
		} else if (cp == '\n' || cp == '\f' || cp == 0x0b) {
			buf_addc(&b, '\n');
		} else if (cp == '\t' || (cp < 0x20) || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0) || cp == 0xa0 ||
		    cp == 0x2028 || cp == 0x2029) {
			buf_addc(&b, cp == 0x2028 || cp == 0x2029 ? '\n' : ' ');
		} else {
			buf_add(&b, s + i, (size_t)n);
		}
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += (size_t)n;
	}
	if (utf8proc_map((const utf8proc_uint8_t *)b.s, (utf8proc_ssize_t)b.len,
	    &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0) {
		buf_release(&b);
		error("%s: cannot normalise the text", file);
		return NULL;
	}
	buf_release(&b);
	*outlen = strlen((char *)nfc);
	return (char *)nfc;
}

static const char *const number_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
	NULL,
};

/* A number as a label writes it: digits (with a letter or "(a)" after
 * them), or a word one..twenty. Its length, the ref into ref. */
static size_t
label_number(const char *t, char *ref, size_t size)
{
	size_t n = 0, i;

	if (isdigit((unsigned char)t[0])) {
		while (n < 4 && isdigit((unsigned char)t[n]))
			n++;
		if (isdigit((unsigned char)t[n]))
			return 0;
		if (isalpha((unsigned char)t[n]) &&
		    !isalpha((unsigned char)t[n + 1]))
			n++;
		else if (t[n] == '(' && isalpha((unsigned char)t[n + 1]) &&
		    t[n + 2] == ')')
			n += 3;
		snprintf(ref, size, "%.*s", (int)n, t);
		return n;
	}
	for (i = 1; number_words[i] != NULL; i++) {
		size_t w = strlen(number_words[i]);

		if (strncasecmp(t, number_words[i], w) == 0 &&
		    !isalpha((unsigned char)t[w])) {
			snprintf(ref, size, "%zu", i);
			return w;
		}
	}
	return 0;
}

/* What may end a label: the end, ':', '.', ')', ' -', ' –', and a space
 * when space_ok. Returns the length of it with the spaces after, or
 * (size_t)-1 when t does not end a label. */
static size_t
label_end(const char *t, int space_ok)
{
	size_t n = 0;

	if (*t == '\0')
		return 0;
	if (*t == ':' || *t == '.' || *t == ')')
		n = 1;
	else if (strncmp(t, " -", 2) == 0 && (t[2] == ' ' || t[2] == '\0'))
		n = 2;
	else if (strncmp(t, " \xe2\x80\x93", 4) == 0 ||
	    strncmp(t, " \xe2\x80\x94", 4) == 0)
		n = 4;
	else if (*t == ' ' && space_ok)
		n = 0;
	else
		return (size_t)-1;
	while (t[n] == ' ')
		n++;
	return n;
}

size_t
draft_label(const char *t, char *ref, size_t size)
{
	static const char *const words[] = { "recommendation", "rec.",
	    "rec", NULL };
	size_t i, n, e;

	for (i = 0; words[i] != NULL; i++) {
		size_t w = strlen(words[i]);

		if (strncasecmp(t, words[i], w) != 0 || t[w] != ' ')
			continue;
		n = w + 1;
		if (strncasecmp(t + n, "no. ", 4) == 0)
			n += 4;
		else if (strncasecmp(t + n, "no ", 3) == 0)
			n += 3;
		else if (t[n] == '#')
			n++;
		if ((w = label_number(t + n, ref, size)) == 0)
			return 0;
		n += w;
		if ((e = label_end(t + n, 0)) == (size_t)-1)
			return 0;
		return n + e;
	}
	/* R3, R12a */
	if ((t[0] == 'R' || t[0] == 'r') && isdigit((unsigned char)t[1])) {
		if ((n = label_number(t + 1, ref + 1, size - 1)) == 0 ||
		    !isdigit((unsigned char)t[1]))
			return 0;
		ref[0] = 'R';
		n += 1;
		if ((e = label_end(t + n, 1)) == (size_t)-1)
			return 0;
		return n + e;
	}
	/* a coded ref: PTD.140916.56.1 */
	n = 0;
	while (n < 8 && isupper((unsigned char)t[n]))
		n++;
	if (n >= 2 && t[n] == '.') {
		size_t parts = 0;

		while (t[n] == '.' && isalnum((unsigned char)t[n + 1])) {
			n++;
			while (isalnum((unsigned char)t[n]))
				n++;
			parts++;
		}
		if (parts >= 2 && n < size && n <= 32 &&
		    (e = label_end(t + n, 1)) != (size_t)-1) {
			snprintf(ref, size, "%.*s", (int)n, t);
			return n + e;
		}
	}
	return 0;
}

static int
is_roman(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr("ivx", s[i]) == NULL)
			return 0;
	return n > 0;
}

size_t
draft_marker(const char *t, char *marker, size_t size)
{
	size_t n = 0;

	if ((t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ')
		n = 1;
	else if (strncmp(t, "\xe2\x80\xa2", 3) == 0 ||
	    strncmp(t, "\xe2\x97\x8f", 3) == 0 ||
	    strncmp(t, "\xef\x82\xb7", 3) == 0)
		n = 3;	/* • ● and Word's private-use bullet */
	else if (strncmp(t, "\xc2\xb7", 2) == 0)
		n = 2;
	else if (isdigit((unsigned char)t[0])) {
		while (n < 3 && isdigit((unsigned char)t[n]))
			n++;
		if (t[n] == '.' && isdigit((unsigned char)t[n + 1])) {
			while (t[n] == '.' && isdigit((unsigned char)t[n + 1])) {
				n++;
				while (isdigit((unsigned char)t[n]))
					n++;
			}
			if (t[n] == '.')
				n++;
		} else if (t[n] == '.' || t[n] == ')') {
			n++;
		} else if (t[n] == '(' && islower((unsigned char)t[n + 1]) &&
		    t[n + 2] == ')') {
			n += 3;
		} else {
			return 0;
		}
	} else if (t[0] == '(') {
		while (n < 5 && islower((unsigned char)t[n + 1]))
			n++;
		if (t[n + 1] != ')' || !(n == 1 || is_roman(t + 1, n)))
			return 0;
		n += 2;
	} else if (islower((unsigned char)t[0]) && (t[1] == ')' ||
	    t[1] == '.')) {
		n = 2;
	} else {
		return 0;
	}
	if (t[n] != ' ')
		return 0;
	snprintf(marker, size, "%.*s", (int)n, t);
	while (t[n] == ' ')
		n++;
	return n;
}

void
draft_marker_ref(const char *m, char *ref, size_t size)
{
	size_t n = strlen(m);

	if (!isalnum((unsigned char)m[0]) && m[0] != '(') {
		ref[0] = '\0';
		return;
	}
	if (m[0] == '(')
		snprintf(ref, size, "%.*s", (int)(n - 2), m + 1);
	else if (n > 1 && (m[n - 1] == '.' || m[n - 1] == ')') &&
	    m[n - 2] != ')' && !(m[n - 1] == ')' && strchr(m, '(') != NULL))
		snprintf(ref, size, "%.*s", (int)(n - 1), m);
	else
		snprintf(ref, size, "%s", m);
}

struct decision_word {
	const char *words;
	const char *decision;
	int at_start;		/* only as the response's first words */
};

static const struct decision_word decision_words[] = {
	{ "not agreed", "rejected", 1 },
	{ "not accepted", "rejected", 1 },
	{ "not supported", "rejected", 1 },
	{ "rejected", "rejected", 1 },
	{ "declined", "rejected", 1 },
	{ "partially agreed", "partially-accepted", 1 },
	{ "partially accepted", "partially-accepted", 1 },
	{ "partly agreed", "partially-accepted", 1 },
	{ "partly accepted", "partially-accepted", 1 },
	{ "agreed in part", "partially-accepted", 1 },
	{ "accepted in part", "partially-accepted", 1 },
	{ "accepted in principle", "accepted-in-principle", 1 },
	{ "agreed in principle", "accepted-in-principle", 1 },
	{ "supported in principle", "accepted-in-principle", 1 },
	{ "deferred", "deferred", 1 },
	{ "noted", "noted", 1 },
	{ "agreed", "accepted", 1 },
	{ "accepted", "accepted", 1 },
	{ "supported", "accepted", 1 },
	{ "welcomes the principle of this recommendation",
	  "accepted-in-principle", 0 },
	{ "supports the principle of this recommendation",
	  "accepted-in-principle", 0 },
	{ "accepts this recommendation in principle",
	  "accepted-in-principle", 0 },
	{ "supports this recommendation", "accepted", 0 },
	{ "welcomes this recommendation", "accepted", 0 },
	{ "accepts this recommendation", "accepted", 0 },
	{ "agrees this recommendation", "accepted", 0 },
	{ "agrees with this recommendation", "accepted", 0 },
	{ "endorses this recommendation", "accepted", 0 },
	{ "does not accept this recommendation", "rejected", 0 },
	{ "does not support this recommendation", "rejected", 0 },
	{ "does not agree with this recommendation", "rejected", 0 },
	{ NULL, NULL, 0 },
};

/* Does the text hold w as whole words (any case), at its start only when
 * at_start? */
static int
has_words(const char *t, const char *w, int at_start)
{
	size_t n = strlen(w);
	const char *p;

	if (strncasecmp(t, "decision:", 9) == 0) {
		t += 9;
		while (*t == ' ')
			t++;
	}
	if (at_start)
		return strncasecmp(t, w, n) == 0 &&
		    !isalnum((unsigned char)t[n]);
	for (p = t; *p != '\0'; p++)
		if ((p == t || !isalnum((unsigned char)p[-1])) &&
		    strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]))
			return 1;
	return 0;
}

const char *
draft_decision(const char *text, const char **words)
{
	const char *found = NULL;
	size_t i;
	int start_found = 0;

	*words = NULL;
	for (i = 0; decision_words[i].words != NULL; i++) {
		const struct decision_word *d = &decision_words[i];

		if (d->at_start && start_found)
			continue;
		if (!has_words(text, d->words, d->at_start))
			continue;
		if (d->at_start)
			start_found = 1;
		if (found != NULL && strcmp(found, d->decision) != 0) {
			*words = "words of more than one decision";
			return NULL;
		}
		if (found == NULL) {
			found = d->decision;
			*words = d->words;
		}
	}
	return found;
}

int
draft_date(const char *s, char out[11])
{
	/* date.h's reader; a year before 1900 is no council's target */
	return date_read(s, out) != 0 && strcmp(out, "1900") >= 0 ? 0 : -1;
}
