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
    --probe|-F|-N|-Q|-S|-T|-W|-c|-e|-i|-l|-m|-p|-s|-t|-w) _pingkit_values none; return ;;
    -M) _pingkit_values words 'do dont want probe'; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--help --histogram --json --pcap --probe --version -4 -6 -A -B -C -D -F -I -L -M -N -O -Q -R -S -T -U -V -W -a -b -c -d -e -f -h -i -j -l -m -n -p -q -r -s -t -v -w' -- "$cur"))
  else
    _pingkit_values host
  fi
}
complete -F _pingkit_ping scripts/ping ./scripts/ping ${_pingkit_home:+"$_pingkit_home/scripts/ping"}

_pingkit_fping() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --file|-f) _pingkit_values file; return ;;
    --iface|-I) _pingkit_values interface; return ;;
    --backoff|--count|--interval|--period|--reachable|--retry|--size|--squiet|--src|--timeout|--tos|--ttl|--vcount|-B|-C|-H|-O|-Q|-S|-T|-b|-c|-i|-p|-r|-t|-x) _pingkit_values none; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--addr --alive --all --backoff --count --dontfrag --elapsed --file --generate --help --iface --interval --ipv4 --ipv6 --json --loop --name --netdata --outage --period --quiet --random --rdns --reachable --retry --size --squiet --src --stats --timeout --timestamp --tos --ttl --unreach --vcount --version -4 -6 -A -B -C -D -H -I -M -N -O -Q -R -S -T -a -b -c -d -e -f -g -h -i -l -m -n -o -p -q -r -s -t -u -v -x' -- "$cur"))
  else
    _pingkit_values host
  fi
}
complete -F _pingkit_fping scripts/fping ./scripts/fping ${_pingkit_home:+"$_pingkit_home/scripts/fping"}

_pingkit_traceroute() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    -i) _pingkit_values interface; return ;;
    -N|-c|-f|-m|-q|-s|-t|-w|-z) _pingkit_values none; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--help --json --report -4 -6 -F -I -N -c -f -i -m -n -q -s -t -w -z' -- "$cur"))
  else
    _pingkit_values host
  fi
}
complete -F _pingkit_traceroute scripts/traceroute ./scripts/traceroute ${_pingkit_home:+"$_pingkit_home/scripts/traceroute"}

_pingkit_prober() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --targets-file|--web.config.file|-f) _pingkit_values file; return ;;
    --buckets|--interval|--listen|--native-histogram-factor|--rate|--size|-i|-r|-s) _pingkit_values none; return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--buckets --help --interval --json --listen --native-histogram-factor --rate --size --targets-file --version --web.config.file -4 -6 -V -f -h -i -r -s' -- "$cur"))
  else
    _pingkit_values host
  fi
}
complete -F _pingkit_prober scripts/prober ./scripts/prober ${_pingkit_home:+"$_pingkit_home/scripts/prober"}

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
