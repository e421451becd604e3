#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cmd.h"
#include "vocab.h"

/*
 * 'rectrack completion bash|zsh': the shell completion, made from the
 * command table and each command's options, so that it offers exactly
 * the options and values each command takes. scripts/completion/ holds
 * its output (a test checks that they agree).
 */

struct completion_opts {
	int shell;
};

static const char *const shells[] = { "bash", "zsh", NULL };

static const struct opt completion_options[] = {
	OPTION_END,
};

static int completion_check(const struct cmd *c, void *opts, int argc,
    char **argv);
static int cmd_completion(struct ctx *ctx, void *opts, int argc,
    char **argv);

const struct cmd cmd_completion_entry = {
	.name = "completion",
	.group = G_ADMIN,
	.args = "bash|zsh",
	.summary = "Print the shell completion script.",
	.opts = completion_options,
	.optsize = sizeof(struct completion_opts),
	.flags = CMD_DB_NONE | CMD_HIDDEN,
	.check = completion_check,
	.exec = cmd_completion,
};

static const char bash_head[] =
"# bash completion for rectrack: commands, each command's options and the\n"
"# values they take, status words, formats, and committee and review ids\n"
"# read from the database in use.\n"
"#   source scripts/completion/rectrack.bash   (make install puts it where\n"
"#   bash-completion finds it)\n"
"# Made by 'rectrack completion bash' from the option tables: edit those\n"
"# (src/cmd-*.c), not this file.\n"
"\n"
"_rectrack_db() {\n"
"\t# the --db given on the line, else rectrack's own default\n"
"\tlocal i\n"
"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
"\t\tif [[ ${COMP_WORDS[i]} == --db ]]; then\n"
"\t\t\tprintf -- '--db\\n%s\\n' \"${COMP_WORDS[i + 1]}\"\n"
"\t\t\treturn\n"
"\t\tfi\n"
"\tdone\n"
"}\n"
"\n"
"_rectrack_ids() {\t# committees | reviews\n"
"\tlocal -a db\n"
"\tmapfile -t db < <(_rectrack_db)\n"
"\trectrack \"${db[@]}\" \"$1\" --format csv 2>/dev/null | tail -n +2 |\n"
"\t    cut -d, -f1\n"
"}\n"
"\n"
"_rectrack_words() {\t# WORDS...: those that start with $cur\n"
"\tCOMPREPLY=($(compgen -W \"$*\" -- \"$cur\"))\n"
"}\n"
"\n"
"_rectrack_handles() {\n"
"\tCOMPREPLY=($(compgen -W \"$(_rectrack_ids reviews | sed 's|$|/|')\" "
"-- \"$cur\"))\n"
"\tcompopt -o nospace 2>/dev/null\n"
"}\n"
"\n"
"_rectrack() {\n"
"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
"\tlocal cmd=\"\" i at=0 n=0 valued=\"\"\n"
"\n"
"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
"\t\tcase ${COMP_WORDS[i]} in\n"
"\t\t--db | --today) ((i++)) ;;\n"
"\t\t-*) ;;\n"
"\t\t*) cmd=${COMP_WORDS[i]}; at=$i; break ;;\n"
"\t\tesac\n"
"\tdone\n"
"\tif [[ -z $cmd ]]; then\n"
"\t\tcase $prev in\n"
"\t\t--db) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
"\t\t--today) return ;;\n"
"\t\tesac\n"
"\t\tif [[ $cur == -* ]]; then\n"
"\t\t\t_rectrack_words --db --today --no-color --version --help\n"
"\t\telse\n";

static const char bash_count[] =
"\t# which argument is being completed: options and their values apart\n"
"\tfor ((i = at + 1; i < COMP_CWORD; i++)); do\n"
"\t\tcase \" $valued \" in\n"
"\t\t*\" ${COMP_WORDS[i]} \"*) ((i++)); continue ;;\n"
"\t\tesac\n"
"\t\t[[ ${COMP_WORDS[i]} == -* ]] || ((n++))\n"
"\tdone\n";

/* The words of a value list, space-separated. */
static void
words(struct buf *b, const char *const *v)
{
	size_t i;

	for (i = 0; v[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? " " : "", v[i]);
}

/* The completion of one option's value, or NULL for none. */
static void
value_completion(struct buf *b, const struct opt *o)
{
	switch (o->complete) {
	case COMP_FILE:
		buf_adds(b, "COMPREPLY=($(compgen -f -- \"$cur\"))");
		return;
	case COMP_DIR:
		buf_adds(b, "COMPREPLY=($(compgen -d -- \"$cur\"))");
		return;
	case COMP_COMMITTEE:
		buf_adds(b, "_rectrack_words \"$(_rectrack_ids committees)\"");
		return;
	case COMP_REVIEW:
		buf_adds(b, "_rectrack_words \"$(_rectrack_ids reviews)\"");
		return;
	case COMP_NONE:
		break;
	}
	if (o->values != NULL) {
		buf_adds(b, "_rectrack_words ");
		words(b, o->values);
	} else {
		buf_adds(b, ":");
	}
}

/* The completion of the positional argument word (from a command's
 * args): a handle, files, a status, or the words of "a|b|c". */
static void
arg_completion(struct buf *b, const char *w, size_t len)
{
	size_t i;

	if (len == 6 && strncmp(w, "HANDLE", 6) == 0) {
		buf_adds(b, "_rectrack_handles");
	} else if (len == 10 && strncmp(w, "NEW_STATUS", 10) == 0) {
		buf_adds(b, "_rectrack_words ");
		words(b, vocab_status);
	} else if (len == 4 && strncmp(w, "FILE", 4) == 0) {
		buf_adds(b, "COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' "
		    "-- \"$cur\") $(compgen -d -- \"$cur\"))");
	} else if (len == 4 && strncmp(w, "PATH", 4) == 0) {
		buf_adds(b, "COMPREPLY=($(compgen -f -- \"$cur\"))");
	} else if (memchr(w, '|', len) != NULL) {
		buf_adds(b, "_rectrack_words ");
		for (i = 0; i < len; i++)
			buf_addc(b, w[i] == '|' ? ' ' : w[i]);
	} else {
		buf_adds(b, ":");
	}
}

/* The options of c that take a value, whose value is no argument. */
static void
valued_list(struct buf *b, const struct cmd *c)
{
	const struct opt *o;
	int n = 0;

	buf_printf(b, "\t%s) valued=\"", c->name);
	for (o = c->opts; o->kind != OPT_END; o++) {
		if (o->kind == OPT_GROUP || o->kind == OPT_FLAG)
			continue;
		buf_printf(b, "%s--%s", n++ ? " " : "", o->name);
		if (o->short_name)
			buf_printf(b, " -%c", o->short_name);
	}
	buf_adds(b, "\" ;;\n");
}

static void
bash_command(struct buf *b, const struct cmd *c)
{
	const struct opt *o;
	const char *a, *w;
	size_t len;
	int n, dots;

	buf_printf(b, "\t%s)\n", c->name);
	n = 0;
	for (o = c->opts; o->kind != OPT_END; o++) {
		if (o->kind == OPT_GROUP || o->kind == OPT_FLAG)
			continue;
		if (n++ == 0)
			buf_adds(b, "\t\tcase $prev in\n");
		buf_printf(b, "\t\t--%s", o->name);
		if (o->short_name)
			buf_printf(b, " | -%c", o->short_name);
		buf_adds(b, ") ");
		value_completion(b, o);
		buf_adds(b, "; return ;;\n");
	}
	if (n > 0)
		buf_adds(b, "\t\tesac\n");
	buf_adds(b, "\t\tif [[ $cur == -* ]]; then\n"
	    "\t\t\t_rectrack_words");
	for (o = c->opts; o->kind != OPT_END; o++)
		if (o->kind != OPT_GROUP && o->help != NULL)
			buf_printf(b, " --%s", o->name);
	buf_adds(b, " --help\n\t\t\treturn\n\t\tfi\n");
	if (c->args == NULL) {
		buf_adds(b, "\t\treturn ;;\n");
		return;
	}
	buf_adds(b, "\t\tcase $n in\n");
	for (a = c->args, n = 0; *a; n++) {
		a += strspn(a, " ");
		w = a;
		len = strcspn(a, " ");
		a += len;
		dots = len > 3 && strncmp(w + len - 3, "...", 3) == 0;
		if (dots)
			buf_printf(b, "\t\t*) ");
		else
			buf_printf(b, "\t\t%d) ", n);
		arg_completion(b, w, dots ? len - 3 : len);
		buf_adds(b, " ;;\n");
	}
	buf_adds(b, "\t\tesac\n\t\treturn ;;\n");
}

static void
bash_script(struct buf *b)
{
	size_t i;

	buf_adds(b, bash_head);
	buf_adds(b, "\t\t\t_rectrack_words");
	for (i = 0; cmd_table[i] != NULL; i++)
		if (!(cmd_table[i]->flags & CMD_HIDDEN))
			buf_printf(b, " %s", cmd_table[i]->name);
	buf_adds(b, "\n\t\tfi\n\t\treturn\n\tfi\n");
	/* first the options each command takes a value for */
	buf_adds(b, "\tcase $cmd in\n");
	for (i = 0; cmd_table[i] != NULL; i++)
		if (!(cmd_table[i]->flags & CMD_HIDDEN)) {
			valued_list(b, cmd_table[i]);
		}
	buf_adds(b, "\tesac\n");
	buf_adds(b, bash_count);
	buf_adds(b, "\tcase $cmd in\n");
	for (i = 0; cmd_table[i] != NULL; i++)
		if (!(cmd_table[i]->flags & CMD_HIDDEN))
			bash_command(b, cmd_table[i]);
	buf_adds(b, "\tesac\n}\ncomplete -F _rectrack rectrack\n");
}

static int
completion_check(const struct cmd *c, void *opts, int argc, char **argv)
{
	struct completion_opts *co = opts;

	(void)argc;
	if ((co->shell = vocab_find(shells, argv[1])) < 0)
		return cmd_usage_error(c, "unknown shell '%s' (one of: bash, "
		    "zsh)", argv[1]);
	return RT_OK;
}

static int
cmd_completion(struct ctx *ctx, void *opts, int argc, char **argv)
{
	struct completion_opts *co = opts;
	struct buf b = BUF_INIT;

	(void)ctx;
	(void)argc;
	(void)argv;
	if (co->shell == 1)
		buf_adds(&b, "#compdef rectrack\n"
		    "# zsh completion for rectrack: the bash completion below,\n"
		    "# through zsh's bashcompinit (make install puts this file "
		    "in\n# zsh's site-functions).\n"
		    "autoload -U +X bashcompinit && bashcompinit\n");
	bash_script(&b);
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	return RT_OK;
}
