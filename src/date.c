#include "date.h"

#include <stdio.h>
#include <string.h>
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
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000 + 10000) %
	    10000u, (unsigned)(m % 100 + 100) % 100u,
	    (unsigned)(d % 100 + 100) % 100u);
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
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
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
