#include "escape.h"

#include <string.h>
#include <strings.h>

#include <utf8proc.h>

static size_t utf8_seq(const unsigned char *s);

void
text_clean(struct buf *b, const char *str, const char *keep)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	while (*s) {
		/* a run that needs nothing, copied at once */
		const unsigned char *r = s;

		while ((*r >= 0x20 && *r < 0x7f) || *r == '\n' || *r == '\t')
			r++;
		if (r > s) {
			buf_add(b, s, (size_t)(r - s));
			s = r;
			continue;
		}
		if (*s < 0x80) {
			if ((*s < 0x20 && *s != '\n' && *s != '\t' &&
			    strchr(keep, *s) == NULL) || *s == 0x7f)
				buf_adds(b, "\xef\xbf\xbd");
			else
				buf_addc(b, (char)*s);
			s++;
			continue;
		}
		n = utf8_seq(s);
		if (n == 0 || (n == 2 && s[0] == 0xc2 && s[1] <= 0x9f)) {
			buf_adds(b, "\xef\xbf\xbd");
			s += n ? n : 1;
			continue;
		}
		buf_add(b, s, n);
		s += n;
	}
}

void
text_clean_line(struct buf *b, const char *str)
{
	struct buf tmp = BUF_INIT;
	const char *s, *nl;

	text_clean(&tmp, str, "");
	for (s = tmp.s; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		buf_add(b, s, (size_t)(nl - s));
		buf_adds(b, "\\n");
	}
	buf_adds(b, s);
	buf_release(&tmp);
}

/* s cleaned into a buffer the caller releases. */
static const char *
clean(struct buf *tmp, const char *s)
{
	buf_reset(tmp);
	text_clean(tmp, s, "\r");	/* CSV keeps it; the others drop it */
	return tmp->s;
}

void
esc_csv(struct buf *b, const char *raw)
{
	struct buf tmp = BUF_INIT;
	const char *s, *r;
	int formula = raw[0] == '=' || raw[0] == '+' || raw[0] == '-' ||
	    raw[0] == '@' || raw[0] == '\t' || raw[0] == '\r';

	/* printable ASCII with no comma or quote, most cells: as it is,
	 * which is what cleaning and quoting would leave */
	for (r = raw; *r >= 0x20 && *r < 0x7f && *r != ',' && *r != '"'; r++)
		;
	if (!formula && *r == '\0') {
		buf_add(b, raw, (size_t)(r - raw));
		return;
	}
	s = clean(&tmp, raw);
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		buf_adds(b, s);
		buf_release(&tmp);
		return;
	}
	buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (;;) {
		const char *q = strchr(s, '"');

		if (q == NULL) {
			buf_adds(b, s);
			break;
		}
		buf_add(b, s, (size_t)(q - s) + 1);	/* up to the quote */
		buf_addc(b, '"');			/* doubled */
		s = q + 1;
	}
	buf_addc(b, '"');
	buf_release(&tmp);
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t
utf8_seq(const unsigned char *s)
{
	unsigned long cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int
utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	for (; *s; s += n)
		if ((n = utf8_seq(s)) == 0)
			return 0;
	return 1;
}

const char *
text_problem(const char *str)
{
	return text_problem_at(str, strlen(str), NULL);
}

const char *
text_problem_at(const char *str, size_t len, size_t *at)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *end = s + len;
	const char *why = NULL;
	size_t n;

	while (s < end) {
		if (*s == '\0') {
			why = "contains a NUL byte";
			break;
		}
		if ((*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f) {
			why = "contains a control character (only tab and "
			    "newline are allowed)";
			break;
		}
		n = utf8_seq(s);
		if (n == 0 || n > (size_t)(end - s)) {
			why = "is not valid UTF-8";
			break;
		}
		if (n == 2 && s[0] == 0xc2 && s[1] <= 0x9f) {
			why = "contains a control character (only tab and "
			    "newline are allowed)";
			break;
		}
		s += n;
	}
	if (at != NULL)
		*at = (size_t)(s - (const unsigned char *)str);
	return why;
}

void
esc_json(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	buf_addc(b, '"');
	while (*s) {
		/* a run that needs no escape, copied at once */
		const unsigned char *r = s;

		while (*r >= 0x20 && *r < 0x7f && *r != '"' && *r != '\\')
			r++;
		if (r > s) {
			buf_add(b, s, (size_t)(r - s));
			s = r;
			continue;
		}
		switch (*s) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				buf_printf(b, "\\u%04x", *s);
				break;
			}
			n = utf8_seq(s);
			if (n == 0) {
				buf_adds(b, "\\ufffd");
				break;
			}
			/* U+2028 and U+2029 break JavaScript parsers */
			if (n == 3 && s[0] == 0xe2 && s[1] == 0x80 &&
			    (s[2] == 0xa8 || s[2] == 0xa9)) {
				buf_printf(b, "\\u%04x", s[2] == 0xa8 ?
				    0x2028 : 0x2029);
			} else {
				buf_add(b, s, n);
			}
			s += n;
			continue;
		}
		s++;
	}
	buf_addc(b, '"');
}

void
esc_markdown(struct buf *b, const char *raw)
{
	struct buf tmp = BUF_INIT;
	const char *s = clean(&tmp, raw);

	for (; *s; s++) {
		switch (*s) {
		case '\n':
			buf_adds(b, "<br>");
			break;
		case '\r':
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '|': case '\\': case '`': case '*': case '_': case '[':
		case ']': case '#': case '~':
			buf_addc(b, '\\');
			buf_addc(b, *s);
			break;
		default:
			buf_addc(b, *s);
		}
	}
	buf_release(&tmp);
}

void
text_marked(struct buf *b, const char *s, const char *open,
    const char *close, void (*esc)(struct buf *, const char *))
{
	struct buf run = BUF_INIT;

	for (;; s++) {
		if (*s != '\0' && *s != '\1' && *s != '\2') {
			/* one line: a snippet is a cell or a paragraph */
			buf_addc(&run, *s == '\n' || *s == '\t' ? ' ' : *s);
			continue;
		}
		/* the text between markers escaped whole, never a byte of
		 * a UTF-8 character alone */
		if (esc != NULL)
			esc(b, run.s);
		else
			buf_adds(b, run.s);
		buf_reset(&run);
		if (*s == '\0')
			break;
		buf_adds(b, *s == '\1' ? open : close);
	}
	buf_release(&run);
}

void
esc_html(struct buf *b, const char *raw)
{
	struct buf tmp = BUF_INIT;
	const char *s = clean(&tmp, raw);

	for (; *s; s++) {
		switch (*s) {
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '\r':
			break;
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
	}
	buf_release(&tmp);
}

/*
 * The columns a terminal gives the character at s, and its length in *n:
 * utf8proc's width (Unicode's East Asian Width and general categories:
 * none for a control or a combining mark, two for a wide character or an
 * emoji), one for a byte that is not UTF-8.
 */
static size_t
char_width(const char *str, size_t *n)
{
	const unsigned char *s = (const unsigned char *)str;
	utf8proc_int32_t cp;
	int w;

	/* printable ASCII, as utf8proc says, without asking it */
	if (*s >= 0x20 && *s < 0x7f) {
		*n = 1;
		return 1;
	}
	if ((*n = utf8_seq(s)) == 0) {
		*n = 1;
		return 1;
	}
	if (utf8proc_iterate(s, (utf8proc_ssize_t)*n, &cp) !=
	    (utf8proc_ssize_t)*n)
		return 1;
	w = utf8proc_charwidth(cp);
	return w > 0 ? (size_t)w : 0;
}

size_t
utf8_width(const char *s)
{
	size_t w = 0, n;

	for (; *s; s += n)
		w += char_width(s, &n);
	return w;
}

size_t
utf8_prefix(const char *s, size_t width)
{
	size_t i, w = 0, cw, n;

	for (i = 0; s[i]; i += n) {
		cw = char_width(s + i, &n);
		if (w + cw > width)
			break;
		w += cw;
	}
	return i;
}

/* One line (NUL-terminated) wrapped to avail columns after its pad. */
static void
wrap_line(struct buf *b, const char *line, const char *pad, size_t padw,
    size_t avail)
{
	const char *q = line, *cut;
	size_t n;
	int first = 1;

	while (*q) {
		n = utf8_prefix(q, avail);
		if (q[n] == '\0') {
			cut = q + n;
		} else {
			/* the last space that ends the part that fits */
			cut = q + n;
			while (cut > q && *cut != ' ')
				cut--;
			if (cut == q)
				cut = q + n;	/* one long word */
		}
		if (first)
			buf_adds(b, pad);
		else
			buf_printf(b, "%*s", (int)padw, "");
		first = 0;
		n = (size_t)(cut - q);
		while (n > 0 && q[n - 1] == ' ')
			n--;
		buf_add(b, q, n);
		buf_addc(b, '\n');
		q = cut;
		while (*q == ' ')
			q++;
	}
}

void
text_wrap(struct buf *b, const char *text, const char *pad, size_t width)
{
	const char *p = text;
	size_t padw = utf8_width(pad), avail;
	struct buf line = BUF_INIT;

	/* never fewer than 20 columns for the text itself */
	avail = width > padw + 20 ? width - padw : 20;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		buf_reset(&line);
		buf_add(&line, p, len);
		if (len == 0)
			buf_addc(b, '\n');
		else if (width == 0 || utf8_width(line.s) <= avail) {
			buf_adds(b, pad);
			buf_adds(b, line.s);
			buf_addc(b, '\n');
		} else {
			wrap_line(b, line.s, pad, padw, avail);
		}
		p += len + (nl != NULL);
	}
	buf_release(&line);
}

int
text_contains(const char *hay, const char *needle)
{
	size_t n, i;

	if (needle == NULL)
		return 1;
	if (hay == NULL)
		return 0;
	n = strlen(needle);
	for (i = 0; hay[i] != '\0'; i++)
		if (strncasecmp(hay + i, needle, n) == 0)
			return 1;
	return n == 0;
}
