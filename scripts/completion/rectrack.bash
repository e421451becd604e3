# bash completion for rectrack: commands, options (read from each
# command's --help, so they never drift), status words, formats, and
# committee and review ids read from the database in use.
#   source scripts/completion/rectrack.bash   (make install puts it where
#   bash-completion finds it)

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
	rectrack "${db[@]}" "$1" --format csv 2>/dev/null | tail -n +2 | cut -d, -f1
}

_rectrack() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd="" i
	local commands="import check list show status respond set actions action
	    search similar committees reviews stats report export verify backup
	    reindex"
	local statuses="draft agreed accepted partially-accepted rejected
	    in-progress implemented not-implemented withdrawn"
	local decisions="accepted accepted-in-principle partially-accepted noted
	    deferred rejected"

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--db | --today) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	--db | --output | --text-file | --dir)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--committee)
		COMPREPLY=($(compgen -W "$(_rectrack_ids committees)" -- "$cur"))
		return ;;
	--review)
		COMPREPLY=($(compgen -W "$(_rectrack_ids reviews)" -- "$cur"))
		return ;;
	--status)
		COMPREPLY=($(compgen -W "$statuses" -- "$cur"))
		return ;;
	--decision)
		COMPREPLY=($(compgen -W "$decisions" -- "$cur"))
		return ;;
	--format)
		COMPREPLY=($(compgen -W "table csv json markdown text yaml html"
		    -- "$cur"))
		return ;;
	--sort)
		COMPREPLY=($(compgen -W "review id due status rag updated" -- "$cur"))
		return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --today --no-color --version
			    --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(rectrack "$cmd" --help 2>/dev/null |
		    grep -oE -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	case $cmd in
	import | check)
		COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur")
		    $(compgen -d -- "$cur")) ;;
	status)
		# HANDLE, then the new status
		if [[ $prev == status || $prev == -* ]]; then
			COMPREPLY=($(compgen -W "$(_rectrack_ids reviews |
			    sed 's|$|/|')" -- "$cur"))
			compopt -o nospace 2>/dev/null
		else
			COMPREPLY=($(compgen -W "$statuses" -- "$cur"))
		fi ;;
	show | respond | set | similar)
		COMPREPLY=($(compgen -W "$(_rectrack_ids reviews | sed 's|$|/|')" \
		    -- "$cur"))
		compopt -o nospace 2>/dev/null ;;
	action)
		[[ $prev =~ ^[0-9]+$ ]] &&
		    COMPREPLY=($(compgen -W "done dropped open" -- "$cur")) ;;
	esac
}
complete -F _rectrack rectrack
