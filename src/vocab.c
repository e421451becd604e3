#include "vocab.h"

#include <ctype.h>
#include <string.h>

#include "buf.h"

const char *const vocab_status[] = {
	"draft", "agreed", "accepted", "partially-accepted", "rejected",
	"in-progress", "implemented", "not-implemented", "withdrawn", NULL,
};

const char *const vocab_decision[] = {
	"accepted", "accepted-in-principle", "partially-accepted", "noted",
	"deferred", "rejected", NULL,
};

const char *const vocab_stage[] = {
	"scoping", "evidence", "draft", "final", "responded", "monitoring",
	"closed", NULL,
};

const char *const vocab_evidence_kind[] = {
	"document", "focus-group", "interview", "meeting", "media",
	"site-visit", "survey", "testimony", "other", NULL,
};

const char *const vocab_action_status[] = {
	"open", "done", "dropped", NULL,
};

const char *const vocab_rag[] = {
	"red", "amber", "green", "blue", NULL,
};

int
vocab_find(const char *const *list, const char *word)
{
	int i;

	if (word == NULL)
		return -1;
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], word) == 0)
			return i;
	return -1;
}

char *
vocab_join(const char *const *list)
{
	struct buf b = BUF_INIT;
	int i;

	for (i = 0; list[i] != NULL; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, list[i]);
	}
	return buf_detach(&b);
}

int
status_closed(const char *status)
{
	return status != NULL && (!strcmp(status, "rejected") ||
	    !strcmp(status, "implemented") ||
	    !strcmp(status, "not-implemented") ||
	    !strcmp(status, "withdrawn"));
}

const char *
status_from_decision(const char *decision)
{
	if (decision == NULL)
		return "agreed";
	if (!strcmp(decision, "accepted") ||
	    !strcmp(decision, "accepted-in-principle"))
		return "accepted";
	if (!strcmp(decision, "partially-accepted"))
		return "partially-accepted";
	if (!strcmp(decision, "rejected"))
		return "rejected";
	return "agreed";	/* noted, deferred; and a word not in the list */
}

int
stage_rank(const char *stage)
{
	int i = vocab_find(vocab_stage, stage);

	return i < 0 ? vocab_find(vocab_stage, "draft") : i;
}

static const char *const moves[][4] = {
	/* from, then up to three statuses it goes to (withdrawn apart) */
	{ "draft", "agreed", NULL, NULL },
	{ "agreed", "accepted", "partially-accepted", "rejected" },
	{ "accepted", "in-progress", NULL, NULL },
	{ "partially-accepted", "in-progress", NULL, NULL },
	{ "in-progress", "implemented", "not-implemented", NULL },
};

int
status_move_allowed(const char *from, const char *to)
{
	size_t i, j;

	if (strcmp(from, to) == 0)
		return 1;
	if (status_closed(from))
		return 0;
	if (strcmp(to, "withdrawn") == 0)
		return 1;
	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (strcmp(moves[i][0], from) != 0)
			continue;
		for (j = 1; j < 4 && moves[i][j] != NULL; j++)
			if (strcmp(moves[i][j], to) == 0)
				return 1;
	}
	return 0;
}

char *
status_moves(const char *from)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; vocab_status[i] != NULL; i++) {
		if (strcmp(vocab_status[i], from) == 0 ||
		    !status_move_allowed(from, vocab_status[i]))
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, vocab_status[i]);
	}
	return buf_detach(&b);
}

int
id_valid(const char *s, enum id_kind kind)
{
	size_t i, max = kind == ID_GLOBAL ? 64 : 32;

	if (!isalnum((unsigned char)s[0]) ||
	    (kind == ID_GLOBAL && isupper((unsigned char)s[0])))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= max)
			return 0;
		if (kind == ID_GLOBAL) {
			if (!(islower(c) || isdigit(c) || c == '-'))
				return 0;
		} else if (!(isalnum(c) || strchr(".()_-", c) != NULL)) {
			return 0;
		}
	}
	return 1;
}
