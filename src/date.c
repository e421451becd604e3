#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

int
date_shaped(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 10)
		return 0;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return 1;
}

static void
split(const char *s, long *y, int *m, int *d)
{
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
}

int
date_valid(const char *s)
{
	long y;
	int m, d;

	if (!date_shaped(s))
		return 0;
	split(s, &y, &m, &d);
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

/* Howard Hinnant's days_from_civil. */
static long
civil_days(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
date_days(const char *s)
{
	long y;
	int m, d;

	if (!date_valid(s))
		return -1;
	split(s, &y, &m, &d);
	return civil_days(y, m, d);
}

/* YYYY-MM-DD of y < 10000, m, d < 100, as "%04u-%02u-%02u" writes it
 * (a list of thousands of items formats as many dates: chase) */
static void
put_ymd(char out[11], unsigned y, unsigned m, unsigned d)
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void
date_format(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	put_ymd(out, (unsigned)(y % 10000 + 10000) % 10000u,
	    (unsigned)(m % 100 + 100) % 100u, (unsigned)(d % 100 + 100) % 100u);
}

int
date_add_months(const char *s, int n, char out[11])
{
	long y, months;
	int m, d;

	if (!date_valid(s))
		return -1;
	split(s, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	if (months < 12 || months >= 10000 * 12)
		return -1;
	y = months / 12;
	m = (int)(months % 12) + 1;
	if (d > mdays(y, m))
		d = mdays(y, m);
	put_ymd(out, (unsigned)y % 10000u, (unsigned)m % 100u,
	    (unsigned)d % 100u);
	return 0;
}

int
period_parse(const char *s, int *n, char *unit)
{
	static const char *const units[] = { "day", "week", "month" };
	const char *p = s;
	long v = 0;
	size_t i, len;

	if (s == NULL || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > 9999)
			return 0;
	if (*p++ != ' ')
		return 0;
	for (i = 0; i < 3; i++) {
		len = strlen(units[i]);
		if (strncmp(p, units[i], len) != 0)
			continue;
		/* "1 day" and "2 days"; "1 days" and "2 day" are let be */
		if (strcmp(p + len, "") != 0 && strcmp(p + len, "s") != 0)
			return 0;
		if (n != NULL)
			*n = (int)v;
		if (unit != NULL)
			*unit = units[i][0];
		return 1;
	}
	return 0;
}

int
date_add_period(const char *s, const char *period, char out[11])
{
	int n;
	char unit;

	if (!period_parse(period, &n, &unit) || !date_valid(s))
		return -1;
	if (unit == 'm')
		return date_add_months(s, n, out);
	date_format(date_days(s) + (long)n * (unit == 'w' ? 7 : 1), out);
	return 0;
}

int
year_valid(const char *s)
{
	int i, a, b;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	a = (s[2] - '0') * 10 + (s[3] - '0');
	b = (s[5] - '0') * 10 + (s[6] - '0');
	return b == (a + 1) % 100;
}

void
date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
stamp_valid(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	char day[11];
	size_t i;

	if (strlen(s) != sizeof shape - 1)
		return 0;
	for (i = 0; i < sizeof shape - 1; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != shape[i])
			return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	return date_valid(day) && (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	    s[14] < '6' && s[17] < '6';
}

int
month_valid(const char *s)
{
	char day[11];

	if (s == NULL || strlen(s) != 7)
		return 0;
	memcpy(day, s, 7);
	memcpy(day + 7, "-01", 4);
	return date_valid(day);
}

int
due_valid(const char *s)
{
	return date_valid(s) || month_valid(s);
}

int
due_day(const char *s, char out[11])
{
	long y;
	int m, d;

	out[0] = '\0';
	if (date_valid(s)) {
		memcpy(out, s, 11);
		return 0;
	}
	if (!month_valid(s))
		return -1;
	memcpy(out, s, 7);
	memcpy(out + 7, "-01", 4);
	split(out, &y, &m, &d);
	snprintf(out + 8, 3, "%02d", mdays(y, m));
	return 0;
}

long
due_days(const char *s)
{
	char day[11];

	return due_day(s, day) < 0 ? -1 : date_days(day);
}

int
due_cmp(const char *a, const char *b)
{
	long x, y;
	int c;

	/* two dates (years of four digits) compare as their texts do:
	 * the lists and stats compare a million */
	if (date_valid(a) && date_valid(b)) {
		c = strcmp(a, b);
		return (c > 0) - (c < 0);
	}
	x = due_days(a);
	y = due_days(b);

	return (x > y) - (x < y);
}

int
due_same(const char *a, const char *b)
{
	if (due_valid(a) && due_valid(b))
		return due_cmp(a, b) == 0;
	return strcmp(a, b) == 0;
}

/* The month named by a word (January, Jan, Jan., Sept), 1-12; else 0. */
static int
month_word(const char *w, size_t len)
{
	static const char *const names[] = { "january", "february", "march",
	    "april", "may", "june", "july", "august", "september", "october",
	    "november", "december" };
	size_t i, k;

	if (len > 0 && w[len - 1] == '.')
		len--;
	if (len < 3)
		return 0;
	for (i = 0; i < 12; i++) {
		for (k = 0; k < len && names[i][k] != '\0'; k++)
			if ((w[k] | 0x20) != names[i][k])
				break;
		if (k == len && (len == 3 || len == strlen(names[i]) ||
		    (i == 8 && len == 4)))
			return (int)i + 1;
	}
	return 0;
}

/* A run of digits at *p (at most max), its value into *v; the count. */
static int
digits(const char **p, int max, long *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return **p >= '0' && **p <= '9' ? 0 : n;
}

/*
 * Read a hand-written date: 'd' when it names a day, 'e' for the end of
 * a month ("end of January 2023"), 'm' for a month alone; y, m, d set
 * (d 0 unless 'd'). 0 when s is none of those.
 */
static int
date_guess(const char *s, long *y, int *m, long *d)
{
	const char *p = s, *w;
	long a, b, c;
	int end = 0, na, nb, nc;
	char sep;

	*d = 0;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "by ", 3) == 0)
		p += 3;
	if (strncasecmp(p, "end of ", 7) == 0) {
		p += 7;
		end = 1;
	} else if (strncasecmp(p, "end ", 4) == 0) {
		p += 4;
		end = 1;
	}
	/* digits first: 31/01/2023, 2023/01/31, 01/2023, 2023/01, 31 Jan 2023 */
	if (*p >= '0' && *p <= '9') {
		na = digits(&p, 4, &a);
		if (na == 0)
			return 0;
		/* 31st January 2023 */
		if (strncasecmp(p, "st ", 3) == 0 || strncasecmp(p, "nd ", 3) ==
		    0 || strncasecmp(p, "rd ", 3) == 0 ||
		    strncasecmp(p, "th ", 3) == 0)
			p += 2;
		sep = *p;
		if (sep == ' ' && na <= 2 && !end) {
			/* 31 January 2023 */
			p++;
			for (w = p; *p != '\0' && *p != ' '; p++)
				;
			if ((*m = month_word(w, (size_t)(p - w))) == 0 ||
			    *p++ != ' ' || digits(&p, 4, y) != 4 || *p != '\0')
				return 0;
			*d = a;
			return 'd';
		}
		if (sep != '/' && sep != '.' && sep != '-')
			return 0;
		p++;
		nb = digits(&p, 4, &b);
		if (*p == '\0' && nb > 0) {
			/* a month: 01/2023 or 2023/01 */
			if (na == 4 && nb <= 2) {
				*y = a;
				*m = (int)b;
			} else if (na <= 2 && nb == 4) {
				*y = b;
				*m = (int)a;
			} else {
				return 0;
			}
			return end ? 'e' : 'm';
		}
		if (*p != sep || nb == 0 || nb > 2 || end)
			return 0;
		p++;
		nc = digits(&p, 4, &c);
		if (*p != '\0')
			return 0;
		if (na == 4 && nc <= 2 && nc > 0) {
			*y = a;
			*m = (int)b;
			*d = c;
		} else if (na <= 2 && nc == 4) {
			/* day first, as a council in the UK writes it */
			*y = c;
			*m = (int)b;
			*d = a;
		} else {
			return 0;
		}
		return 'd';
	}
	/* a month's name: January 2023, Jan 2023, January 31, 2023 */
	for (w = p; *p != '\0' && *p != ' '; p++)
		;
	if ((*m = month_word(w, (size_t)(p - w))) == 0 || *p++ != ' ')
		return 0;
	na = digits(&p, 4, &a);
	if (na == 4 && *p == '\0') {
		*y = a;
		return end ? 'e' : 'm';
	}
	if (end || na == 0 || na > 2)
		return 0;
	if (*p == ',')
		p++;
	if (*p++ != ' ' || digits(&p, 4, y) != 4 || *p != '\0')
		return 0;
	*d = a;
	return 'd';
}

int
date_read(const char *s, char out[11])
{
	long y, d;
	int m, kind = date_guess(s, &y, &m, &d);
	char t[40];

	out[0] = '\0';
	if (kind == 0 || y < 1 || y > 9999 || m < 1 || m > 12 ||
	    (kind == 'd' && (d < 1 || d > mdays(y, m))))
		return 0;
	if (kind == 'd')
		snprintf(t, sizeof t, "%04d-%02d-%02d", (int)y, m, (int)d);
	else
		snprintf(t, sizeof t, "%04d-%02d", (int)y, m);
	memcpy(out, t, 11);
	return kind;
}

void
date_advice(const char *s, const char *key, int month_ok, char *out,
    size_t size)
{
	char month[11], day[11];
	int kind = date_read(s, month);

	memcpy(day, month, 11);
	if (kind == 'e' && !month_ok) {
		/* the end of the month named: the day is known */
		due_day(month, day);
		kind = 'd';
	}
	if (kind == 'd')
		snprintf(out, size, "write dates as YYYY-MM-DD, here %s", day);
	else if (kind != 0 && month_ok)
		snprintf(out, size, "write a month as YYYY-MM, here %s (it "
		    "means the month's last day)", day);
	else if (kind != 0)
		snprintf(out, size, "'%s' needs the day: write %s-DD (only "
		    "'due' and 'published' may be a month)", key, day);
	else if (month_ok)
		snprintf(out, size, "write dates as YYYY-MM-DD, or YYYY-MM for "
		    "a month");
	else
		snprintf(out, size, "write dates as YYYY-MM-DD");
}
