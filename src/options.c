#include "options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "db.h"
#include "diag.h"
#include "import.h"
#include "output.h"
#include "vocab.h"
#include "xmalloc.h"

/* Options a table may hold, so that "given" fits one word of bits. */
#define OPT_MAX 64

struct parse {
	const struct opt_cmd *c;
	void *dst;
	struct buf err;		/* the first usage error, unreported */
	unsigned long long given;
};

static int
takes_value(const struct opt *o)
{
	return o->kind != OPT_FLAG;
}

/* Remember the first usage error; the parse goes on to find --help. */
static void fail(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	if (p->err.len > 0)
		return;
	va_start(ap, fmt);
	buf_vprintf(&p->err, fmt, ap);
	va_end(ap);
}

static void *
at(struct parse *p, const struct opt *o)
{
	return (char *)p->dst + o->off;
}

static void
join(struct buf *b, const char *const *words, const char *sep)
{
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? sep : "", words[i]);
}

static void
bad_word(struct parse *p, const struct opt *o, const char *w)
{
	struct buf all = BUF_INIT;

	join(&all, o->values, ", ");
	fail(p, "unknown %s '%s' (one of: %s)", o->what ? o->what : o->name,
	    w, all.s);
	buf_release(&all);
}

/* Check the value of o and store it. */
static void
apply(struct parse *p, const struct opt *o, const char *val)
{
	char *words, *w, *save = NULL, *end, advice[160];
	unsigned long long n;
	int i;

	switch (o->kind) {
	case OPT_FLAG:
		*(int *)at(p, o) = 1;
		break;
	case OPT_STRING:
		*(const char **)at(p, o) = val;
		break;
	case OPT_DATE:
	case OPT_DUE:
		if (date_valid(val) || (o->kind == OPT_DUE && month_valid(val))) {
			*(const char **)at(p, o) = val;
			break;
		}
		date_advice(val, o->name, o->kind == OPT_DUE, advice,
		    sizeof advice);
		fail(p, "--%s '%s' is not a date: %s", o->name, val, advice);
		break;
	case OPT_YEAR:
		if (!year_valid(val))
			fail(p, "--%s '%s' is not a municipal year: write "
			    "YYYY-YY, e.g. 2023-24", o->name, val);
		else
			*(const char **)at(p, o) = val;
		break;
	case OPT_COUNT:
		n = strtoull(val, &end, 10);
		if (*val < '0' || *val > '9' || *end != '\0' ||
		    n > SIZE_MAX / 2)
			fail(p, "--%s takes a number, not '%s'", o->name, val);
		else
			*(size_t *)at(p, o) = n == 0 ? (size_t)-1 : (size_t)n;
		break;
	case OPT_WORD:
		if ((i = vocab_find(o->values, val)) < 0)
			bad_word(p, o, val);
		else
			*(int *)at(p, o) = i;
		break;
	case OPT_WORDS:
		words = xstrdup(val);
		for (w = strtok_r(words, ",", &save); w != NULL;
		    w = strtok_r(NULL, ",", &save)) {
			if ((i = vocab_find(o->values, w)) < 0) {
				bad_word(p, o, w);
				break;
			}
			*(unsigned *)at(p, o) |= 1u << i;
		}
		free(words);
		break;
	case OPT_FORMAT:
		if (vocab_find(o->values, val) < 0)
			bad_word(p, o, val);
		else
			*(enum out_format *)at(p, o) =
			    (enum out_format)out_format_parse(val, ~0u);
		break;
	case OPT_END:
	case OPT_GROUP:
		break;
	}
}

/* A long option by its name or a unique prefix of it; NULL after
 * noting the error. *help is set for --help. */
static const struct opt *
find_long(struct parse *p, const char *arg, size_t len, int *help)
{
	const struct opt *o, *found = NULL;
	const char *names[OPT_MAX + 2], *near;
	struct buf word = BUF_INIT, amb = BUF_INIT;
	size_t n = 0;
	int nfound = 0;

	*help = 0;
	if (len == 4 && strncmp(arg, "help", 4) == 0) {
		*help = 1;
		return NULL;
	}
	for (o = p->c->opts; o->kind != OPT_END; o++) {
		if (o->kind == OPT_GROUP)
			continue;
		if (strlen(o->name) == len && strncmp(o->name, arg, len) == 0)
			return o;
		if (strncmp(o->name, arg, len) == 0) {
			buf_printf(&amb, "%s--%s", nfound ? ", " : "", o->name);
			found = o;
			nfound++;
		}
		if (n < OPT_MAX)
			names[n++] = o->name;
	}
	if (nfound == 0 && len > 0 && strncmp("help", arg, len) == 0) {
		*help = 1;
		buf_release(&amb);
		return NULL;
	}
	names[n++] = "help";
	names[n] = NULL;
	if (nfound == 1) {
		buf_release(&amb);
		return found;
	}
	buf_add(&word, arg, len);
	if (nfound > 1)
		fail(p, "option '--%s' is ambiguous (%s)", word.s, amb.s);
	else if ((near = nearest_word(word.s, names)) != NULL)
		fail(p, "unknown option '--%s'; did you mean '--%s'?", word.s,
		    near);
	else
		fail(p, "unknown option '--%s'", word.s);
	buf_release(&word);
	buf_release(&amb);
	return NULL;
}

static const struct opt *
find_short(struct parse *p, int ch)
{
	const struct opt *o;

	for (o = p->c->opts; o->kind != OPT_END; o++)
		if (o->kind != OPT_GROUP && o->short_name == ch)
			return o;
	fail(p, "unknown option '-%c'", ch);
	return NULL;
}

static void
note_given(struct parse *p, const struct opt *o)
{
	size_t i = (size_t)(o - p->c->opts);

	if (i < OPT_MAX)
		p->given |= 1ull << i;
}

void
opt_nargs(const struct opt_cmd *c, int *min, int *max)
{
	const char *s = c->args;
	size_t len;

	*min = *max = 0;
	while (s != NULL && *s) {
		s += strspn(s, " ");
		len = strcspn(s, " ");
		if (len == 0)
			break;
		if (len > 3 && strncmp(s + len - 3, "...", 3) == 0)
			*max = -1;
		if (*s != '[')
			++*min;
		if (*max >= 0)
			++*max;
		s += len;
	}
}

/* The name of the positional arguments, for "no handle given". */
static void
args_word(struct buf *b, const char *args)
{
	size_t i;

	for (i = 0; args[i] && args[i] != ' ' && args[i] != '.'; i++)
		buf_addc(b, (char)(args[i] >= 'A' && args[i] <= 'Z' ?
		    args[i] - 'A' + 'a' : args[i] == '_' ? ' ' : args[i]));
}

static void
check_args(struct parse *p, int nargs, char **argv)
{
	struct buf w = BUF_INIT;
	int min, max;

	opt_nargs(p->c, &min, &max);
	if (nargs < min) {
		args_word(&w, p->c->args);
		if (min == 1 && max == -1)
			fail(p, "no %ss given", w.s);
		else if (min == 1)
			fail(p, "no %s given", w.s);
		else
			fail(p, "give %s", p->c->args);
		buf_release(&w);
	} else if (max >= 0 && nargs > max) {
		fail(p, "unexpected argument '%s'", argv[1 + max]);
	}
}

static int
given(struct parse *p, const struct opt *o)
{
	size_t i = (size_t)(o - p->c->opts);

	return i < OPT_MAX && (p->given & (1ull << i));
}

static void
check_required(struct parse *p)
{
	const struct opt *o, *first;
	struct buf names = BUF_INIT;
	unsigned run;
	int n;

	for (o = p->c->opts; o->kind != OPT_END; o++) {
		if ((o->flags & OPTF_REQUIRED) && !given(p, o))
			fail(p, "--%s is required", o->name);
		run = o->flags & (OPTF_ONE_OF | OPTF_EXCLUSIVE);
		if (run == 0)
			continue;
		for (first = o, n = 0; o->flags & run; o++) {
			buf_printf(&names, "%s--%s", o == first ? "" :
			    o[1].flags & run ? ", " : " or ", o->name);
			n += given(p, o);
		}
		if (run == OPTF_ONE_OF && n != 1)
			fail(p, "give %s (one of them)", names.s);
		else if (run == OPTF_EXCLUSIVE && n > 1)
			fail(p, "give %s, not both", names.s);
		buf_reset(&names);
		o--;
	}
	buf_release(&names);
}

int
opt_parse(const struct opt_cmd *c, int *argc, char **argv, void *dst)
{
	struct parse p = { c, dst, BUF_INIT, 0 };
	const struct opt *o;
	const char *a, *val, *eq;
	int i, j, nargs = 1, help = 0, h, only_args = 0;

	for (i = 1; i < *argc; i++) {
		a = argv[i];
		if (only_args || a[0] != '-' || a[1] == '\0') {
			argv[nargs++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = find_long(&p, a + 2, eq ? (size_t)(eq - a - 2) :
			    strlen(a + 2), &h);
			help |= h;
			if (o == NULL)
				continue;
			if (!takes_value(o) && eq != NULL) {
				fail(&p, "option '--%s' takes no value",
				    o->name);
				continue;
			}
			if (takes_value(o) && eq != NULL)
				val = eq + 1;
			else if (takes_value(o) && i + 1 < *argc)
				val = argv[++i];
			else if (takes_value(o)) {
				fail(&p, "option '--%s' needs a value",
				    o->name);
				continue;
			} else
				val = NULL;
			note_given(&p, o);
			apply(&p, o, val);
			continue;
		}
		for (j = 1; a[j]; j++) {
			if (a[j] == 'h') {
				help = 1;
				continue;
			}
			if ((o = find_short(&p, a[j])) == NULL)
				break;
			note_given(&p, o);
			if (!takes_value(o)) {
				apply(&p, o, NULL);
				continue;
			}
			if (a[j + 1] != '\0')
				apply(&p, o, a + j + 1);
			else if (i + 1 < *argc)
				apply(&p, o, argv[++i]);
			else
				fail(&p, "option '-%c' needs a value", a[j]);
			break;
		}
	}
	argv[nargs] = NULL;
	if (help) {
		buf_release(&p.err);
		return OPT_HELP;
	}
	check_args(&p, nargs - 1, argv);
	check_required(&p);
	*argc = nargs;
	if (p.err.len > 0) {
		opt_usage_error(c, "%s", p.err.s);
		buf_release(&p.err);
		return RT_USAGE;
	}
	return OPT_PARSED;
}

/* "--name ARG", or "-s, --name ARG" with the short name. */
static void
opt_words(struct buf *b, const struct opt *o, int with_short)
{
	if (with_short && o->short_name)
		buf_printf(b, "-%c, ", o->short_name);
	buf_printf(b, "--%s", o->name);
	if (!takes_value(o))
		return;
	buf_addc(b, ' ');
	if (o->arg != NULL)
		buf_adds(b, o->arg);
	else
		join(b, o->values, "|");
}

static int
args_last(const char *args)
{
	size_t len = args != NULL ? strlen(args) : 0;

	return len > 3 && strcmp(args + len - 3, "...") == 0;
}

char *
opt_usage(const struct opt_cmd *c)
{
	struct buf b = BUF_INIT;
	const struct opt *o;
	unsigned run;
	int grouped = 0;

	buf_adds(&b, c->name);
	if (c->args != NULL && !args_last(c->args))
		buf_printf(&b, " %s", c->args);
	for (o = c->opts; o->kind != OPT_END; o++) {
		if (o->kind == OPT_GROUP) {
			grouped = o->arg != NULL;
			if (grouped)
				buf_printf(&b, " [%s]", o->arg);
			continue;
		}
		if (grouped || o->help == NULL)
			continue;
		buf_addc(&b, ' ');
		if ((run = o->flags & (OPTF_ONE_OF | OPTF_EXCLUSIVE))) {
			buf_addc(&b, run == OPTF_ONE_OF ? '(' : '[');
			for (; o->flags & run; o++) {
				opt_words(&b, o, 0);
				if (o[1].flags & run)
					buf_adds(&b, " | ");
			}
			buf_addc(&b, run == OPTF_ONE_OF ? ')' : ']');
			o--;
		} else if (o->flags & OPTF_REQUIRED) {
			opt_words(&b, o, 0);
		} else {
			buf_addc(&b, '[');
			opt_words(&b, o, 0);
			buf_addc(&b, ']');
		}
	}
	if (args_last(c->args))
		buf_printf(&b, " %s", c->args);
	return buf_detach(&b);
}

void
opt_print_usage(FILE *fp, const char *usage)
{
	static const char lead[] = "usage: rectrack ";
	const size_t start = sizeof lead - 1;
	size_t col = start, len;
	const char *p = usage, *w;
	int depth;

	/* a bracketed group is never split; continuation lines go under
	 * the first */
	fputs(lead, fp);
	while (*p) {
		for (w = p, depth = 0; *p && (*p != ' ' || depth > 0); p++)
			if (*p == '[' || *p == '(')
				depth++;
			else if (*p == ']' || *p == ')')
				depth--;
		len = (size_t)(p - w);
		if (col > start && col + 1 + len > 79) {
			fprintf(fp, "\n%*s", (int)start, "");
			col = start;
		} else if (col > start) {
			fputc(' ', fp);
			col++;
		}
		fwrite(w, 1, len, fp);
		col += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', fp);
}

/* Where an option's help starts: after the longest "  -s, --name ARG"
 * that is not too long, so that the help lines fit 80 columns. */
#define HELP_COL_MAX	24

void
opt_print_help(const struct opt_cmd *c, FILE *fp)
{
	const struct opt *o;
	struct buf w = BUF_INIT;
	const char *h, *nl;
	size_t col = 0;
	char *usage = opt_usage(c);

	opt_print_usage(fp, usage);
	free(usage);
	fprintf(fp, "\n%s\n", c->summary);
	if (c->help != NULL)
		fprintf(fp, "\n%s", c->help);
	for (o = c->opts; o->kind != OPT_END; o++) {
		if (o->kind == OPT_GROUP || o->help == NULL)
			continue;
		buf_reset(&w);
		opt_words(&w, o, 1);
		if (w.len + 4 > col && w.len + 4 <= HELP_COL_MAX)
			col = w.len + 4;
	}
	if (col == 0)		/* every option's words are long */
		col = HELP_COL_MAX;
	for (o = c->opts; o->kind != OPT_END; o++) {
		if (o == c->opts && o->kind != OPT_GROUP)
			fputs("\nOptions:\n", fp);
		if (o->kind == OPT_GROUP) {
			fprintf(fp, "\n%s\n", o->help);
			continue;
		}
		if (o->help == NULL)
			continue;
		buf_reset(&w);
		opt_words(&w, o, 1);
		if (w.len + 4 > col)
			fprintf(fp, "  %s\n%*s", w.s, (int)col, "");
		else
			fprintf(fp, "  %-*s", (int)(col - 2), w.s);
		for (h = o->help; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(fp, "%.*s\n%*s", (int)(nl - h), h, (int)col,
			    "");
		fprintf(fp, "%s\n", h);
	}
	if (c->examples != NULL)
		fprintf(fp, "\n%s", c->examples);
	buf_release(&w);
}

int
opt_usage_error(const struct opt_cmd *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char *usage = opt_usage(c);
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	error("%s: %s", c->name, b.s);
	opt_print_usage(stderr, usage);
	fprintf(stderr, "Try 'rectrack %s --help' for more.\n", c->name);
	buf_release(&b);
	free(usage);
	return RT_USAGE;
}
