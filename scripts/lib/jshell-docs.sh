# pingkit's Javadoc in JShell's Tab documentation (`Echo.to(` Tab Tab). Sourced by scripts/jshell after launch.sh;
# call pingkit_jshell_docs after pingkit_java: it sets PINGKIT_JSHELL to the jshell to run.
#
# The jshell tool reads Javadoc only from $java.home/lib/src.zip of its own JVM (jdk.jshell's
# SourceCodeAnalysisImpl.findSources): the class path, a sources jar and --source-path are never consulted. A
# "modular" src.zip (one holding java.base/java/lang/Object.java) has each of its top directories put on the source
# path, so a pingkit/ directory holding src/main/java is found for the classes on the class path. java.home is where
# libjvm.so really lies, so the tool runs from an overlay of the chosen JDK, target/jshell/<jdk>/:
#   bin/jshell, lib/server/libjvm.so  hard links to the JDK's (copies when linking is not allowed)
#   lib/src.zip                       the JDK's src.zip plus pingkit/ (scripts/lib/SourceZip.java writes it)
#   everything else                   a symbolic link into the JDK, bin/java included: the JVM that runs the
#                                     snippets is started as $java.home/bin/java, so it is the JDK's own java, with
#                                     its capabilities and AOT cache, and pingkit.java names the right binary
# The overlay is made once per JDK (again when the JDK is updated in place: the linked files' times then differ);
# its src.zip after each change under src/main/java (a few seconds). Both are made under a lock, under names of
# their own, then renamed, so a running session keeps the files it has open. A JDK without lib/src.zip (OpenJDK 17
# on Debian without openjdk-17-source) still gets pingkit's Javadoc (SourceZip writes a placeholder Object.java);
# that is said once on stderr, with how to get the JDK's. When the overlay cannot be made, one line says why and
# the JDK's own jshell runs: the docs are a comfort, never a reason not to start.

# Whether the overlay OV of JDK HOME is whole and current: the linked or copied files have their originals' times,
# lib/src.zip holds the JDK's sources if the JDK has some now (the placeholder if not), and nothing under
# src/main/java (nor SourceZip.java, which writes it) is newer than it. Builtins only, except one `find`.
pingkit_jshell_fresh() {
  local home=$1 ov=$2
  pingkit_jshell_skeleton_fresh "$home" "$ov" && [ -f "$ov/lib/src.zip" ] || return 1
  if [ -r "$home/lib/src.zip" ]; then
    [ ! -e "$ov/lib/src.zip.placeholder" ] && [ ! "$home/lib/src.zip" -nt "$ov/lib/src.zip" ] || return 1
  else
    [ -e "$ov/lib/src.zip.placeholder" ] || return 1
  fi
  [ -z "$(find "$PINGKIT_HOME/src/main/java" "$PINGKIT_HOME/scripts/lib/SourceZip.java" -newer "$ov/lib/src.zip" \
             -print -quit 2>/dev/null)" ]
}

# Whether the overlay's JDK part (everything but src.zip) is current.
pingkit_jshell_skeleton_fresh() {
  local home=$1 ov=$2 f
  for f in bin/jshell lib/server/libjvm.so; do
    [ -f "$ov/$f" ] && [ ! "$home/$f" -nt "$ov/$f" ] && [ ! "$home/$f" -ot "$ov/$f" ] || return 1
  done
}

# FROM as TO: a hard link, else a copy with FROM's times (pingkit_jshell_fresh compares them).
pingkit_jshell_link() {
  ln -L -- "$1" "$2" 2>/dev/null || cp -p -- "$1" "$2"
}

# Makes the overlay's JDK part in NEW: links as described at the top.
pingkit_jshell_skeleton() {
  local home=$1 new=$2 e
  mkdir -p "$new/bin" "$new/lib/server" || return 1
  for e in "$home"/*; do
    case ${e##*/} in bin|lib) ;; *) ln -s -- "$e" "$new/${e##*/}" || return 1 ;; esac
  done
  for e in "$home"/bin/*; do
    case ${e##*/} in jshell) pingkit_jshell_link "$e" "$new/bin/jshell" ;; *) ln -s -- "$e" "$new/bin/${e##*/}" ;; esac \
      || return 1
  done
  for e in "$home"/lib/*; do
    case ${e##*/} in server|src.zip) ;; *) ln -s -- "$e" "$new/lib/${e##*/}" || return 1 ;; esac
  done
  for e in "$home"/lib/server/*; do
    case ${e##*/} in
      libjvm.so) pingkit_jshell_link "$e" "$new/lib/server/libjvm.so" ;;
      *) ln -s -- "$e" "$new/lib/server/${e##*/}" ;;
    esac || return 1
  done
}

# Writes OV/lib/src.zip from the JDK's src.zip (or the placeholder) and src/main/java, under a name of its own, then
# renames it; its time is the start of the run, so a source saved meanwhile still counts as newer.
pingkit_jshell_srczip() {
  local home=$1 ov=$2 from=- tmp="$2/lib/src.zip.$$"
  [ -r "$home/lib/src.zip" ] && from=$home/lib/src.zip
  : >"$tmp.start" || return 1
  if ! "$PINGKIT_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$PINGKIT_HOME/scripts/lib/SourceZip.java" \
         "$tmp" "$from" "$PINGKIT_HOME/src/main/java" >&2; then
    rm -f "$tmp" "$tmp.start"
    return 1
  fi
  touch -r "$tmp.start" "$tmp" && rm -f "$tmp.start" || return 1
  if [ "$from" = - ]; then
    : >"$ov/lib/src.zip.placeholder" || return 1
  else
    rm -f "$ov/lib/src.zip.placeholder" || return 1
  fi
  mv -f "$tmp" "$ov/lib/src.zip"
}

# Brings the overlay OV of JDK HOME up to date; false (with the files it was making removed) when it cannot.
pingkit_jshell_make() {
  local home=$1 ov=$2 new="$2.new.$$" old="$2.old.$$"
  if ! pingkit_jshell_skeleton_fresh "$home" "$ov"; then
    rm -rf "$new"
    if ! pingkit_jshell_skeleton "$home" "$new" || ! pingkit_jshell_srczip "$home" "$new"; then
      rm -rf "$new"
      return 1
    fi
    # The JDK changed under the old overlay (or there was none): its sessions cannot be kept working anyway.
    { [ ! -e "$ov" ] || mv -f "$ov" "$old"; } && mv "$new" "$ov" || { rm -rf "$new"; return 1; }
    rm -rf "$old"
    return 0
  fi
  pingkit_jshell_srczip "$home" "$ov"
}

# The entry point: PINGKIT_JSHELL becomes the overlay's jshell, made or refreshed first when needed (one line on
# stderr while it is), or the JDK's own jshell when the overlay cannot be made.
pingkit_jshell_docs() {
  local home=${PINGKIT_JAVA%/bin/java} ov lock_fd= f
  ov="$PINGKIT_TARGET/jshell/${home##*/}"
  PINGKIT_JSHELL=$home/bin/jshell
  [ -d "$PINGKIT_HOME/src/main/java" ] || return 0 # no sources to show
  if ! pingkit_jshell_fresh "$home" "$ov"; then
    if ! mkdir -p "$PINGKIT_TARGET/jshell" 2>/dev/null; then
      echo "pingkit: JShell's Tab documentation will lack pingkit's Javadoc: cannot create $PINGKIT_TARGET/jshell" >&2
      return 0
    fi
    if command -v flock >/dev/null 2>&1 && exec {lock_fd}>>"$PINGKIT_TARGET/jshell/.lock"; then
      flock "$lock_fd"
    fi
    if ! pingkit_jshell_fresh "$home" "$ov"; then
      echo "pingkit: adding pingkit's sources to JShell's documentation (first use or sources changed)..." >&2
      if ! pingkit_jshell_make "$home" "$ov"; then
        [ -z "$lock_fd" ] || exec {lock_fd}>&-
        echo "pingkit: JShell's Tab documentation will lack pingkit's Javadoc: cannot make $ov (see above)" >&2
        return 0
      fi
    fi
    [ -z "$lock_fd" ] || exec {lock_fd}>&-
  fi
  # Whatever the tool's JVM loads from target/ must be ours or root's, as for the other launchers.
  for f in "$PINGKIT_TARGET/jshell" "$ov" "$ov/bin" "$ov/lib" "$ov/lib/server" "$ov/bin/jshell" \
           "$ov/lib/server/libjvm.so" "$ov/lib/src.zip"; do
    pingkit_trust "$f"
  done
  if [ -e "$ov/lib/src.zip.placeholder" ] && [ ! -e "$ov/.told-no-jdk-sources" ]; then
    : >"$ov/.told-no-jdk-sources" 2>/dev/null || true
    echo "pingkit: JShell's Tab documentation shows pingkit's Javadoc but not the JDK's: $home has no" \
      "lib/src.zip ($(pingkit_jshell_source_hint "$home")); said once" >&2
  fi
  PINGKIT_JSHELL=$ov/bin/jshell
}

# How to get JDK HOME's sources, in a few words: Debian's OpenJDK links lib/src.zip to a file of its -source package.
pingkit_jshell_source_hint() {
  if [ -L "$1/lib/src.zip" ] && [ -f /etc/debian_version ] && [[ ${1##*/} == *openjdk* ]]; then
    echo "install the JDK's sources: apt-get install openjdk-$PINGKIT_JAVA_FEATURE-source"
  else
    echo "install the JDK's source package, or pick a JDK that ships lib/src.zip with JAVA_HOME"
  fi
}
