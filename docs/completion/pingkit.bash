# bash completion for pingkit's launchers. Generated from the commands' option tables by
# scripts/gen-docs (dev.pingkit.cli.docs.DocsGenerator): do not edit by hand.
# Use: source docs/completion/pingkit.bash (in ~/.bashrc, or copy it to
# /etc/bash_completion.d/). zsh: autoload -U bashcompinit && bashcompinit, then source it.
# A launcher under another name (ln -s .../scripts/ping ~/bin/pkping): complete -F _pingkit_ping pkping

_pingkit_home=${BASH_SOURCE[0]%/*}/../..
_pingkit_home=$(cd "$_pingkit_home" 2>/dev/null && pwd -P)

# _pingkit_values KIND WORDS: COMPREPLY for a value of KIND (file, host, interface, words, none).
_pingkit_values() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  case $1 in
    file) COMPREPLY=($(compgen -f -- "$cur")) ;;
    host) COMPREPLY=($(compgen -A hostname -- "$cur")) ;;
    interface) COMPREPLY=($(compgen -W "$(command ls /sys/class/net 2>/dev/null)" -- "$cur")) ;;
    words) COMPREPLY=($(compgen -W "$2" -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
}

_pingkit_ping() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --pcap) _pingkit_values file; return ;;
    -I) _pingkit_values interface; return ;;
    -Q|-W|-c|-i|-l|-m|-p|-s|-t|-w) _pingkit_values none; return ;;
    -M) _pingkit_values words 'do dont want probe'; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--help --histogram --json --pcap --version -4 -6 -D -I -M -O -Q -V -W -c -f -h -i -j -l -m -n -p -q -s -t -v -w' -- "$cur"))
  else
    _pingkit_values host
  fi
}
complete -F _pingkit_ping scripts/ping ./scripts/ping ${_pingkit_home:+"$_pingkit_home/scripts/ping"}

_pingkit_repl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --file|--history|-f) _pingkit_values file; return ;;
    -D) _pingkit_values none; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--file --help --history --keep-going --lab --no-history --version -D -V -f -h -k' -- "$cur"))
  else
    _pingkit_values none
  fi
}
complete -F _pingkit_repl scripts/repl ./scripts/repl ${_pingkit_home:+"$_pingkit_home/scripts/repl"}
