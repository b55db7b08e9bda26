# bash completion for rspamc (this project's C implementation).
_rspamc()
{
	local cur prev words cword
	_init_completion || return

	local commands="symbols check report learn_spam learn_ham learn_class:
		fuzzy_add fuzzy_del fuzzy_delhash stat stat_reset counters uptime"
	local opts="--connect --password --classifier --weight --flag --pass-all
		--verbose --ip --user --deliver --from --rcpt --helo --hostname
		--timeout --bind --commands --json --compact --headers --raw --ucl
		--max-requests --extended-urls --key --exec --mime --header
		--exclude --sort --empty --fuzzy-symbol --compressed --profile
		--dictionary --skip-images --skip-attachments --user-agent
		--queue-id --log-tag --settings --settings-id --files-list
		--password-file --on-error --max-size --dead-time --max-errors
		--version --help"

	case $prev in
	-h | --connect | -i | --ip | -u | --user | -d | --deliver | -F | \
	--from | -r | --rcpt | --helo | --hostname | -t | --timeout | -b | \
	--bind | -n | --max-requests | --key | --header | --exclude | \
	-S | --fuzzy-symbol | -U | --user-agent | -w | --weight | -f | \
	--flag | -c | --classifier | --queue-id | --log-tag | --settings | \
	--settings-id | --max-size | --dead-time | --max-errors | -P | --password)
		return ;;
	-e | --exec)
		COMPREPLY=($(compgen -c -- "$cur"))
		return ;;
	--sort)
		COMPREPLY=($(compgen -W "name score weight time frequency hits
			name:asc score:asc" -- "$cur"))
		return ;;
	--on-error)
		COMPREPLY=($(compgen -W "deliver tempfail" -- "$cur"))
		return ;;
	-D | --dictionary | --files-list | --password-file)
		_filedir
		return ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "$commands" -- "$cur"))
	_filedir
}
complete -F _rspamc rspamc
