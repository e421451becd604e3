#include "pretok.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

/* The real "porter" of one connection, which the wrapper stands for. */
struct reg {
	fts5_tokenizer real;
	void *ud;
};

/* A wrapper instance: a real instance, and the arguments it was made
 * with, joined by '\001'. */
struct wrap {
	fts5_tokenizer real;
	Fts5Tokenizer *inst;
	char *args;
};

/*
 * The words of a batch, text after text: for each text the length of its
 * block, then each word as varint(length + 1), varint(zigzag(start - end
 * of the previous word)), varint(end - start), its flags byte and its
 * bytes. Offsets stay small, so a word costs a few bytes over its own.
 */
static struct {
	/* the thread's instance, made beside the first wrapper instance of
	 * the connection that owns it, with the same arguments */
	Fts5Tokenizer *inst;
	fts5_tokenizer real;
	char *args;
	struct reg *owner;

	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int job, quit;			/* under mu */

	const char *texts;		/* the batch submitted */
	size_t len;
	struct buf words;
	int failed;

	/* replaying the armed batch: the next text, its length, the end of
	 * the batch, and where its words start */
	int armed;
	const char *next, *end;
	size_t nextlen;
	const unsigned char *wp;
	size_t replayed;
} pt = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
	.words = BUF_INIT,
};

static char *
join_args(const char **az, int n)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, '\001');
		buf_adds(&b, az[i]);
	}
	return buf_detach(&b);
}

static void
put_varint(struct buf *b, unsigned long long v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	buf_add(b, tmp, n);
}

static unsigned long long
get_varint(const unsigned char **p)
{
	unsigned long long v = 0;
	int shift = 0;

	for (;;) {
		unsigned char c = *(*p)++;

		v |= (unsigned long long)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
		shift += 7;
	}
}

/* What the thread's tokenizer says of one text: appended to words. */
struct collect {
	struct buf *out;
	int prev_end;
};

static int
collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct collect *c = ctx;
	long long d = (long long)start - c->prev_end;

	put_varint(c->out, (unsigned long long)ntok + 1);
	put_varint(c->out, d < 0 ? ((unsigned long long)(-d) << 1) - 1 :
	    (unsigned long long)d << 1);
	put_varint(c->out, (unsigned long long)(end - start));
	buf_addc(c->out, (char)tflags);
	buf_add(c->out, tok, (size_t)ntok);
	c->prev_end = end;
	return SQLITE_OK;
}

/* The thread's part: the words of every text of the batch. */
static void
make_words(void)
{
	struct buf one = BUF_INIT;
	const char *s = pt.texts, *end = pt.texts + pt.len;

	buf_reset(&pt.words);
	pt.failed = 0;
	while (s < end) {
		size_t n = strlen(s);
		struct collect c = { &one, 0 };

		buf_reset(&one);
		if (n > 0 && pt.real.xTokenize(pt.inst, &c,
		    FTS5_TOKENIZE_DOCUMENT, s, (int)n, collect) != SQLITE_OK) {
			pt.failed = 1;
			break;
		}
		put_varint(&pt.words, one.len);
		buf_add(&pt.words, one.s, one.len);
		s += n + 1;
	}
	buf_release(&one);
}

static void *
worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&pt.mu);
	for (;;) {
		while (!pt.job && !pt.quit)
			pthread_cond_wait(&pt.cv, &pt.mu);
		if (pt.quit)
			break;
		pthread_mutex_unlock(&pt.mu);
		make_words();
		pthread_mutex_lock(&pt.mu);
		pt.job = 0;
		pthread_cond_broadcast(&pt.cv);
	}
	pthread_mutex_unlock(&pt.mu);
	return NULL;
}

static void
wait_job(void)
{
	pthread_mutex_lock(&pt.mu);
	while (pt.job)
		pthread_cond_wait(&pt.cv, &pt.mu);
	pthread_mutex_unlock(&pt.mu);
}

/* The next text of the armed batch, or none. */
static void
advance(const char *s)
{
	pt.next = s;
	if (s >= pt.end) {
		pt.armed = 0;
		return;
	}
	pt.nextlen = strlen(s);
}

/* Hand FTS5 the words made ahead for the next text. */
static int
replay(void *ctx, int (*xToken)(void *, int, const char *, int, int, int))
{
	const unsigned char *p = pt.wp, *end;
	size_t block = get_varint(&p);
	int prev_end = 0, rc = SQLITE_OK;

	end = p + block;
	while (rc == SQLITE_OK && p < end) {
		unsigned long long n = get_varint(&p) - 1;
		unsigned long long z = get_varint(&p);
		int start = prev_end + (int)(z & 1 ? -(long long)((z + 1) >> 1) :
		    (long long)(z >> 1));
		int len = (int)get_varint(&p);
		int tflags = *p++;

		rc = xToken(ctx, tflags, (const char *)p, (int)n, start,
		    start + len);
		p += n;
		prev_end = start + len;
	}
	pt.wp = end;
	pt.replayed++;
	advance(pt.next + pt.nextlen + 1);
	return rc;
}

static int
wrap_create(void *ctx, const char **az, int n, Fts5Tokenizer **out)
{
	struct reg *reg = ctx;
	struct wrap *w = xcalloc(1, sizeof *w);
	int rc;

	w->real = reg->real;
	rc = reg->real.xCreate(reg->ud, az, n, &w->inst);
	if (rc != SQLITE_OK) {
		free(w);
		return rc;
	}
	w->args = join_args(az, n);
	if (pt.inst == NULL && reg->real.xCreate(reg->ud, az, n, &pt.inst) ==
	    SQLITE_OK) {
		pt.real = reg->real;
		pt.args = xstrdup(w->args);
		pt.owner = reg;
	}
	*out = (Fts5Tokenizer *)w;
	return SQLITE_OK;
}

static void
wrap_delete(Fts5Tokenizer *tok)
{
	struct wrap *w = (struct wrap *)tok;

	w->real.xDelete(w->inst);
	free(w->args);
	free(w);
}

static int
wrap_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int n, int (*xToken)(void *, int, const char *, int, int, int))
{
	struct wrap *w = (struct wrap *)tok;

	if (pt.armed && (flags & FTS5_TOKENIZE_DOCUMENT) && n > 0 &&
	    (size_t)n == pt.nextlen && memcmp(text, pt.next, (size_t)n) == 0 &&
	    strcmp(w->args, pt.args) == 0)
		return replay(ctx, xToken);
	return w->real.xTokenize(w->inst, ctx, flags, text, n, xToken);
}

/* The connection closes: what was made from its tokenizer goes with it. */
static void
reg_destroy(void *p)
{
	struct reg *reg = p;

	if (pt.owner == reg) {
		pretok_stop();
		pt.real.xDelete(pt.inst);
		pt.inst = NULL;
		free(pt.args);
		pt.args = NULL;
		pt.owner = NULL;
	}
	free(reg);
}

int
pretok_register(fts5_api *api)
{
	static fts5_tokenizer methods = {
		wrap_create, wrap_delete, wrap_tokenize,
	};
	struct reg *reg;

	if (api == NULL || api->iVersion < 2)
		return -1;
	reg = xcalloc(1, sizeof *reg);
	if (api->xFindTokenizer(api, "porter", &reg->ud, &reg->real) !=
	    SQLITE_OK || api->xCreateTokenizer(api, "porter", reg, &methods,
	    reg_destroy) != SQLITE_OK) {
		free(reg);
		return -1;
	}
	return 0;
}

int
pretok_submit(const char *texts, size_t len)
{
	if (pt.inst == NULL || pt.texts != NULL)
		return 0;	/* one batch at a time, until disarmed */
	if (!pt.started) {
		if (pthread_create(&pt.thread, NULL, worker, NULL) != 0)
			return 0;
		pt.started = 1;
	}
	pthread_mutex_lock(&pt.mu);
	pt.texts = texts;
	pt.len = len;
	pt.job = 1;
	pthread_cond_broadcast(&pt.cv);
	pthread_mutex_unlock(&pt.mu);
	return 1;
}

void
pretok_arm(void)
{
	if (pt.texts == NULL)
		return;
	wait_job();
	if (pt.failed)
		return;
	pt.armed = 1;
	pt.end = pt.texts + pt.len;
	pt.wp = (const unsigned char *)pt.words.s;
	advance(pt.texts);
}

void
pretok_disarm(void)
{
	pt.armed = 0;
	pt.texts = NULL;
	pt.len = 0;
}

size_t
pretok_replayed(void)
{
	return pt.replayed;
}

void
pretok_stop(void)
{
	if (pt.started) {
		pthread_mutex_lock(&pt.mu);
		while (pt.job)
			pthread_cond_wait(&pt.cv, &pt.mu);
		pt.quit = 1;
		pthread_cond_broadcast(&pt.cv);
		pthread_mutex_unlock(&pt.mu);
		pthread_join(pt.thread, NULL);
		pt.started = 0;
		pt.quit = 0;
	}
	pretok_disarm();
	buf_release(&pt.words);
}
