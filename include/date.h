#ifndef RECTRACK_DATE_H
#define RECTRACK_DATE_H

#include <stddef.h>

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

/*
 * Dates to the month (format.md): a recommendation's, update's or
 * action's 'due' and a review's 'published' may be a month, YYYY-MM,
 * meaning the last day of that month. Such a value is kept as written;
 * every comparison goes through the day it means.
 */
/* 1 if s is exactly YYYY-MM, a real month. */
int month_valid(const char *s);
/* 1 if s is a date or a month: what 'due' and 'published' accept. */
int due_valid(const char *s);
/* The day s means (a date itself, a month its last day) into out;
 * -1 (out "") when s is neither. */
int due_day(const char *s, char out[11]);
/* The day number of due_day(s); -1 when s is neither. */
long due_days(const char *s);
/* a against b by the day each means, as strcmp() (<0, 0, >0); a value
 * that is neither sorts before every date. */
int due_cmp(const char *a, const char *b);
/* a and b (not NULL) name the same day: by due_cmp() when both are a
 * date or a month (2023-01 and 2023-01-31 do), else as written. */
int due_same(const char *a, const char *b);
/*
 * A date as a person or a document writes it ("31 March 2025", "31st
 * March 2025", "March 31, 2025", "March 2025", "Sept 2024", "end Nov
 * 2011", "by end of Sept 2024", "31/03/2025" and "31.03.2025" read day
 * first as in the UK, "2025/03/31", "03/2025", "2025-03-31", "2025-03")
 * into out: 'd' for a day (YYYY-MM-DD), 'm' for a month alone and 'e'
 * for the end of a month (both YYYY-MM); 0 (out "") when s is none of
 * them or names no real day.
 */
int date_read(const char *s, char out[11]);
/*
 * What to write instead of s, a value that is not a date: into out
 * (size bytes) the text that follows "invalid date 'S': ". For the
 * common hand-written forms ("January 2023", "Jan 2023", "end of
 * January 2023", "31 January 2023", "31/01/2023" read day first,
 * "2023/01/31") it names the value to write: the month 2023-01 where
 * month_ok (a 'due' or 'published'), else the day, or that the day is
 * needed ('key' names the key or option). Otherwise it names the form.
 */
void date_advice(const char *s, const char *key, int month_ok, char *out,
    size_t size);

#endif
