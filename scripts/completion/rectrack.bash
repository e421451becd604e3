# bash completion for rectrack: commands, each command's options and the
# values they take, status words, formats, and committee and review ids
# read from the database in use.
#   source scripts/completion/rectrack.bash   (make install puts it where
#   bash-completion finds it)
# Made by 'rectrack completion bash' from the option tables: edit those
# (src/cmd-*.c), not this file.

_rectrack_db() {
	# the --db given on the line, else rectrack's own default
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == --db ]]; then
			printf -- '--db\n%s\n' "${COMP_WORDS[i + 1]}"
			return
		fi
	done
}

_rectrack_ids() {	# committees | reviews
	local -a db
	mapfile -t db < <(_rectrack_db)
	rectrack "${db[@]}" "$1" --format csv 2>/dev/null | tail -n +2 |
	    cut -d, -f1
}

_rectrack_words() {	# WORDS...: those that start with $cur
	COMPREPLY=($(compgen -W "$*" -- "$cur"))
}

_rectrack_handles() {
	COMPREPLY=($(compgen -W "$(_rectrack_ids reviews | sed 's|$|/|')" -- "$cur"))
	compopt -o nospace 2>/dev/null
}

_rectrack() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd="" i at=0 n=0 valued=""

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db | --today) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; at=$i; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		case $prev in
		--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--today) return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --db --today --no-color --version --help
		else
			_rectrack_words import check list show status respond set actions action stage chase returns signoff retract verify backup export report search similar committees reviews stats reindex draft new
		fi
		return
	fi
	case $cmd in
	import) valued="" ;;
	check) valued="--format" ;;
	list) valued="--committee --review --authority --status --owner --addressee --due-before --updated-since --year --format -f --sort --limit" ;;
	show) valued="--format -f" ;;
	status) valued="--note --by --date --rag" ;;
	respond) valued="--decision --text --text-file --date --by" ;;
	set) valued="--owner --due --reason --addressee --date --by" ;;
	actions) valued="--committee --review --owner --format -f" ;;
	action) valued="--note --date --meeting --owner --due" ;;
	stage) valued="--date" ;;
	chase) valued="--committee --review --authority --status --owner --addressee --due-before --updated-since --year --before --format -f --forms" ;;
	returns) valued="--by --date" ;;
	signoff) valued="--date --note --by" ;;
	retract) valued="--note --by --date" ;;
	verify) valued="" ;;
	backup) valued="" ;;
	export) valued="--committee --review --format --output -o --dir" ;;
	report) valued="--committee --review --authority --status --owner --addressee --due-before --updated-since --year --since --format --title --meeting --output -o" ;;
	search) valued="--committee --review --authority --status --owner --addressee --due-before --updated-since --year --format -f --limit" ;;
	similar) valued="--limit --format -f" ;;
	committees) valued="--format -f" ;;
	reviews) valued="--committee --format -f" ;;
	stats) valued="--committee --review --authority --status --owner --addressee --due-before --updated-since --year --by --format -f" ;;
	reindex) valued="" ;;
	draft) valued="--committee --review --column --date" ;;
	new) valued="--committee --review --meeting --name --authority --title" ;;
	esac
	# which argument is being completed: options and their values apart
	for ((i = at + 1; i < COMP_CWORD; i++)); do
		case " $valued " in
		*" ${COMP_WORDS[i]} "*) ((i++)); continue ;;
		esac
		[[ ${COMP_WORDS[i]} == -* ]] || ((n++))
	done
	case $cmd in
	import)
		if [[ $cur == -* ]]; then
			_rectrack_words --dry-run --help
			return
		fi
		case $n in
		*) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur")) ;;
		esac
		return ;;
	check)
		case $prev in
		--format) _rectrack_words text json; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --format --help
			return
		fi
		case $n in
		*) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur")) ;;
		esac
		return ;;
	list)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--authority) :; return ;;
		--status) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn; return ;;
		--owner) :; return ;;
		--addressee) :; return ;;
		--due-before) :; return ;;
		--updated-since) :; return ;;
		--year) :; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		--sort) _rectrack_words review id due status rag updated; return ;;
		--limit) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --authority --status --open --closed --overdue --response-overdue --stale --owner --addressee --due-before --updated-since --year --awaiting-signoff --format --sort --limit --help
			return
		fi
		return ;;
	show)
		case $prev in
		--format | -f) _rectrack_words text json yaml; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --format --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		esac
		return ;;
	status)
		case $prev in
		--note) :; return ;;
		--by) :; return ;;
		--date) :; return ;;
		--rag) _rectrack_words red amber green blue; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --note --by --date --rag --force --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		1) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn ;;
		esac
		return ;;
	respond)
		case $prev in
		--decision) _rectrack_words accepted accepted-in-principle partially-accepted noted deferred rejected; return ;;
		--text) :; return ;;
		--text-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--date) :; return ;;
		--by) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --decision --text --text-file --date --by --replace --follow-up --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		esac
		return ;;
	set)
		case $prev in
		--owner) :; return ;;
		--due) :; return ;;
		--reason) :; return ;;
		--addressee) :; return ;;
		--date) :; return ;;
		--by) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --owner --due --reason --addressee --date --by --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		esac
		return ;;
	actions)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--owner) :; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --open --owner --format --help
			return
		fi
		return ;;
	action)
		case $prev in
		--note) :; return ;;
		--date) :; return ;;
		--meeting) :; return ;;
		--owner) :; return ;;
		--due) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --note --date --meeting --owner --due --help
			return
		fi
		case $n in
		0) _rectrack_words NUMBER add ;;
		1) _rectrack_words done dropped open HANDLE ;;
		2) : ;;
		esac
		return ;;
	stage)
		case $prev in
		--date) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --date --help
			return
		fi
		case $n in
		0) : ;;
		1) _rectrack_words scoping evidence draft final responded monitoring closed ;;
		esac
		return ;;
	chase)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--authority) :; return ;;
		--status) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn; return ;;
		--owner) :; return ;;
		--addressee) :; return ;;
		--due-before) :; return ;;
		--updated-since) :; return ;;
		--year) :; return ;;
		--before) :; return ;;
		--format | -f) _rectrack_words text markdown csv json; return ;;
		--forms) COMPREPLY=($(compgen -d -- "$cur")); return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --authority --status --open --closed --overdue --response-overdue --stale --owner --addressee --due-before --updated-since --year --awaiting-signoff --before --format --forms --help
			return
		fi
		return ;;
	returns)
		case $prev in
		--by) :; return ;;
		--date) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --dry-run --by --date --help
			return
		fi
		case $n in
		*) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur")) ;;
		esac
		return ;;
	signoff)
		case $prev in
		--date) :; return ;;
		--note) :; return ;;
		--by) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --date --note --by --help
			return
		fi
		case $n in
		*) _rectrack_handles ;;
		esac
		return ;;
	retract)
		case $prev in
		--note) :; return ;;
		--by) :; return ;;
		--date) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --note --by --date --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		1) : ;;
		esac
		return ;;
	verify)
		if [[ $cur == -* ]]; then
			_rectrack_words --help
			return
		fi
		return ;;
	backup)
		if [[ $cur == -* ]]; then
			_rectrack_words --help
			return
		fi
		case $n in
		0) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		return ;;
	export)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--format) _rectrack_words yaml json; return ;;
		--output | -o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		--dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --format --output --dir --help
			return
		fi
		return ;;
	report)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--authority) :; return ;;
		--status) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn; return ;;
		--owner) :; return ;;
		--addressee) :; return ;;
		--due-before) :; return ;;
		--updated-since) :; return ;;
		--year) :; return ;;
		--since) :; return ;;
		--format) _rectrack_words markdown html csv json xlsx; return ;;
		--title) :; return ;;
		--meeting) :; return ;;
		--output | -o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --authority --status --open --closed --overdue --response-overdue --stale --owner --addressee --due-before --updated-since --year --awaiting-signoff --since --format --title --meeting --output --help
			return
		fi
		return ;;
	search)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--authority) :; return ;;
		--status) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn; return ;;
		--owner) :; return ;;
		--addressee) :; return ;;
		--due-before) :; return ;;
		--updated-since) :; return ;;
		--year) :; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		--limit) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --authority --status --open --closed --overdue --response-overdue --stale --owner --addressee --due-before --updated-since --year --awaiting-signoff --format --limit --help
			return
		fi
		case $n in
		0) : ;;
		esac
		return ;;
	similar)
		case $prev in
		--limit) :; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --limit --format --help
			return
		fi
		case $n in
		0) _rectrack_handles ;;
		esac
		return ;;
	committees)
		case $prev in
		--format | -f) _rectrack_words table csv json markdown; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --format --help
			return
		fi
		return ;;
	reviews)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --format --help
			return
		fi
		return ;;
	stats)
		case $prev in
		--committee) _rectrack_words "$(_rectrack_ids committees)"; return ;;
		--review) _rectrack_words "$(_rectrack_ids reviews)"; return ;;
		--authority) :; return ;;
		--status) _rectrack_words draft agreed accepted partially-accepted rejected in-progress implemented not-implemented withdrawn; return ;;
		--owner) :; return ;;
		--addressee) :; return ;;
		--due-before) :; return ;;
		--updated-since) :; return ;;
		--year) :; return ;;
		--by) _rectrack_words status rag; return ;;
		--format | -f) _rectrack_words table csv json markdown; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --authority --status --open --closed --overdue --response-overdue --stale --owner --addressee --due-before --updated-since --year --awaiting-signoff --by --format --help
			return
		fi
		return ;;
	reindex)
		if [[ $cur == -* ]]; then
			_rectrack_words --help
			return
		fi
		return ;;
	draft)
		case $prev in
		--committee) :; return ;;
		--review) :; return ;;
		--column) :; return ;;
		--date) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --column --date --help
			return
		fi
		case $n in
		0) COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur")) ;;
		esac
		return ;;
	new)
		case $prev in
		--committee) :; return ;;
		--review) :; return ;;
		--meeting) :; return ;;
		--name) :; return ;;
		--authority) :; return ;;
		--title) :; return ;;
		esac
		if [[ $cur == -* ]]; then
			_rectrack_words --committee --review --meeting --name --authority --title --help
			return
		fi
		case $n in
		0) _rectrack_words committee review meeting ;;
		esac
		return ;;
	esac
}
complete -F _rectrack rectrack
