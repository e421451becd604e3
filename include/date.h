#ifndef RECTRACK_DATE_H
#define RECTRACK_DATE_H

/*
 * Calendar dates as format.md writes them, YYYY-MM-DD. A date is held as
 * a day number (days since 1970-01-01, proleptic Gregorian) for arithmetic.
 */

/* 1 if s is exactly YYYY-MM-DD and a real calendar date. */
int date_valid(const char *s);
/* 1 if s has the YYYY-MM-DD shape (whether or not the day exists). */
int date_shaped(const char *s);
/* Parse a valid date into a day number; -1 on failure. */
long date_days(const char *s);
/* Write a day number as YYYY-MM-DD into out (11 bytes). */
void date_format(long days, char out[11]);
/*
 * s plus n calendar months, clamped to the month's last day
 * (2024-01-31 + 1 = 2024-02-29), written to out. Returns -1 on a bad date.
 */
int date_add_months(const char *s, int n, char out[11]);
/*
 * A period as format.md's response_within writes it: "N days", "N weeks"
 * or "N months", N a positive integer (at most 9999) and one space. The
 * unit is 'd', 'w' or 'm' into *unit, N into *n (either may be NULL).
 * Returns 1 when s is one, else 0.
 */
int period_parse(const char *s, int *n, char *unit);
/* s plus the period (period_parse()) into out; days and weeks are
 * counted, months are calendar months (date_add_months()). Returns -1 on
 * a bad date or period. */
int date_add_period(const char *s, const char *period, char out[11]);
/* 1 if s is a municipal year as format.md writes it, YYYY-YY, the second
 * year the one after the first (2023-24, 1999-00). */
int year_valid(const char *s);
/* 1 if s is a moment in UTC written YYYY-MM-DDTHH:MM:SSZ (an update's
 * 'recorded'), on a real calendar date. */
int stamp_valid(const char *s);
/* Today's local date into out. */
void date_today(char out[11]);

#endif
