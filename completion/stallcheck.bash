# bash completion for stallcheck: commands, their subcommands and options,
# and the values of the options that take a fixed set. Installed as
# share/bash-completion/completions/stallcheck.

_stallcheck()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else # without the bash-completion package
		cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
	fi

	# values of options, wherever they appear
	case $prev in
	-c | --config | -d | --db | -o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-l | --lang)
		COMPREPLY=($(compgen -W 'zh en' -- "$cur"))
		return ;;
	--format)
		if [[ " ${words[*]} " == *" export "* ]]; then
			COMPREPLY=($(compgen -W 'html pdf xlsx csv md' -- "$cur"))
		elif [[ " ${words[*]} " == *" notice "* ]]; then
			COMPREPLY=($(compgen -W 'html pdf' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'table csv' -- "$cur"))
		fi
		return ;;
	--role)
		COMPREPLY=($(compgen -W 'inspector supervisor' -- "$cur"))
		return ;;
	--band)
		COMPREPLY=($(compgen -W 'good pass fail' -- "$cur"))
		return ;;
	--status)
		if [[ " ${words[*]} " == *" review "* ]]; then
			COMPREPLY=($(compgen -W 'draft final approved returned amended' -- "$cur"))
			return
		fi ;;
	--sort)
		COMPREPLY=($(compgen -W 'day market district inspector time stalls score band critical status' -- "$cur"))
		return ;;
	--markets | --days | --until | --seed | --from | --to | --date | --market | --district | \
	--inspector | --search | --stall | --reason | --now | --as-of | --category | --inspection | --note)
		return ;; # free text
	esac

	# the command and its subcommand: the first words that are not options
	# or option values
	local i cmd="" sub=""
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-c | --config | -d | --db | -l | --lang) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then cmd=${words[i]}
			elif [[ -z $sub ]]; then sub=${words[i]}; fi ;;
		esac
	done

	local opts="" subs=""
	case $cmd in
	"")
		if [[ $cur == -* ]]; then
			opts='--config --db --lang --help --version'
		else
			subs='check-config demo review export rectify sync device verify'
		fi ;;
	check-config)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	demo) opts='--markets --days --until --seed --help' ;;
	review)
		case $sub in
		"") subs='list show glance approve return' ;;
		list) opts='--date --to --market --district --inspector --status --band --critical
			--search --sort --desc --format --raw-cells' ;;
		show) opts='--stall' ;;
		glance) opts='--date --to' ;;
		approve | return) opts='--reason' ;;
		esac ;;
	export) opts='--from --to --format --output -o --market --district --lang --now --force
		--no-bom --raw-cells --help' ;;
	rectify)
		case $sub in
		"") subs='list notice followup repeats' ;;
		list) opts='--open --overdue --closed --all --market --inspector --category --as-of
			--format --raw-cells --help' ;;
		notice) opts='--output -o --format --lang --force --help' ;;
		followup) opts='--inspection --fixed --not-fixed --note --help' ;;
		repeats) opts='--market' ;;
		esac ;;
	sync)
		if [[ $cur == -* ]]; then
			opts='--status --conflicts --verbose -v --help'
		else
			COMPREPLY=($(compgen -d -- "$cur"))
			return
		fi ;;
	device)
		case $sub in
		"") subs='show list trust revoke' ;;
		trust) opts='--role' ;;
		esac ;;
	esac
	COMPREPLY=($(compgen -W "$subs $opts" -- "$cur"))
}
complete -F _stallcheck stallcheck
