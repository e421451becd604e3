#include "idsort.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Below this many, insertion sort: a radix pass costs 256 counters. */
#define SMALL 64

/* x's key: its bits with the sign flipped, so that the keys' unsigned
 * order is the values' signed order */
#define KEY(x)	((unsigned long long)(x) ^ (1ULL << 63))

static void
insertion(long long *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		long long x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

void
ids_sort(long long *v, size_t n)
{
	unsigned long long diff = 0, first;
	long long *tmp, *src = v, *dst, *t;
	size_t count[256], i, at, c;
	unsigned shift;

	if (n < SMALL) {
		insertion(v, n);
		return;
	}
	first = KEY(v[0]);
	for (i = 1; i < n; i++)
		diff |= KEY(v[i]) ^ first;
	if (diff == 0)
		return;		/* all equal */
	dst = tmp = xmalloc(n * sizeof *tmp);
	for (shift = 0; shift < 64; shift += 8) {
		if (((diff >> shift) & 0xff) == 0)
			continue;	/* every value has the same byte */
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(KEY(src[i]) >> shift) & 0xff]++;
		for (i = 0, at = 0; i < 256; i++) {
			c = count[i];
			count[i] = at;
			at += c;
		}
		/* stable: a byte's values keep the order of the last pass */
		for (i = 0; i < n; i++)
			dst[count[(KEY(src[i]) >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
	free(tmp);
}
