# The learner's own copies of the exercises, for `scripts/jshell --exercise N`. Sourced by scripts/jshell after
# launch.sh. The checkout is never written: exercise N is copied on first use into the workspace
# ($PINGKIT_EXERCISES, default ~/pingkit-exercises), and the learner edits and /opens that copy. A copy the learner
# has not changed follows the checkout (a pristine twin under .checkout/ tells the two apart); a changed one is kept
# as it is, with one line saying that the checkout's version differs and where it is.

# Sets PINGKIT_EXERCISE_COPY to the learner's copy of exercise NUMBER (1..99, "3" or "03"), made or refreshed first.
pingkit_jshell_exercise() {
  local n=$1 from ws copy twin f names=
  case $n in
    [0-9]|[0-9][0-9]) printf -v n %02d "$((10#$n))" ;;
    *) pingkit_die "--exercise takes the exercise's number, e.g. --exercise 03, got '${n}'" ;;
  esac
  from=
  for f in "$PINGKIT_HOME/exercises/$n"-*.jsh; do [ -f "$f" ] && from=$f; done
  if [ -z "$from" ]; then
    for f in "$PINGKIT_HOME"/exercises/[0-9][0-9]-*.jsh; do [ -f "$f" ] && names+=" ${f##*/}"; done
    pingkit_die "--exercise $n: there is no exercise $n; there are:${names:- none}"
  fi
  ws=${PINGKIT_EXERCISES:-${HOME:?HOME is not set; set PINGKIT_EXERCISES to a directory for your exercises}/pingkit-exercises}
  mkdir -p "$ws/.checkout" 2>/dev/null || pingkit_die "--exercise: cannot create $ws (set PINGKIT_EXERCISES to a directory of yours)"
  copy=$ws/${from##*/}
  twin=$ws/.checkout/${from##*/}
  if [ ! -e "$copy" ]; then
    cp -- "$from" "$copy" && cp -- "$from" "$twin" || pingkit_die "--exercise: cannot copy $from to $ws"
    echo "pingkit: exercise $n is yours in $copy: write your answers there, then /open it again" >&2
  elif cmp -s -- "$copy" "$from"; then
    cmp -s -- "$from" "$twin" || cp -- "$from" "$twin" 2>/dev/null || true # untouched: keep the twin in step
  elif [ -f "$twin" ] && cmp -s -- "$copy" "$twin"; then
    # untouched by the learner, but the checkout has a newer version: take it
    cp -- "$from" "$copy" && cp -- "$from" "$twin" || pingkit_die "--exercise: cannot update $copy"
    echo "pingkit: exercise $n updated from the checkout in $copy (you had not changed it)" >&2
  else
    echo "pingkit: exercise $n: your work in $copy is kept as it is; the checkout's version ($from) differs" >&2
  fi
  PINGKIT_EXERCISE_COPY=$copy
}
