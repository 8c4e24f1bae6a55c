package dev.pingkit.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.cli.Option;

import dev.pingkit.cli.CommandDoc;

/**
 * <b>A bash completion script for the launchers, written from their option tables.</b> One function per command
 * ({@code _pingkit_ping}), registered for {@code scripts/NAME}, {@code ./scripts/NAME} and the launcher's absolute
 * path; zsh takes the same file after {@code autoload -U bashcompinit && bashcompinit}.
 */
public final class BashCompletion {

    private BashCompletion() {
    }

    /** The whole script for these commands. */
    public static String script(List<CommandDoc> commands) {
        StringBuilder b = new StringBuilder();
        b.append("# bash completion for pingkit's launchers. Generated from the commands' option tables by\n")
                .append("# scripts/gen-docs (dev.pingkit.cli.docs.DocsGenerator): do not edit by hand.\n")
                .append("# Use: source docs/completion/pingkit.bash (in ~/.bashrc, or copy it to\n")
                .append("# /etc/bash_completion.d/). zsh: autoload -U bashcompinit && bashcompinit, then source it.\n")
                .append("# A launcher under another name (ln -s .../scripts/ping ~/bin/pkping): complete -F _pingkit_ping pkping\n\n")
                .append("_pingkit_home=${BASH_SOURCE[0]%/*}/../..\n")
                .append("_pingkit_home=$(cd \"$_pingkit_home\" 2>/dev/null && pwd -P)\n\n")
                .append("# _pingkit_values KIND WORDS: COMPREPLY for a value of KIND (file, host, interface, words, none).\n")
                .append("_pingkit_values() {\n")
                .append("  local cur=${COMP_WORDS[COMP_CWORD]}\n")
                .append("  case $1 in\n")
                .append("    file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n")
                .append("    host) COMPREPLY=($(compgen -A hostname -- \"$cur\")) ;;\n")
                .append("    interface) COMPREPLY=($(compgen -W \"$(command ls /sys/class/net 2>/dev/null)\" -- \"$cur\")) ;;\n")
                .append("    words) COMPREPLY=($(compgen -W \"$2\" -- \"$cur\")) ;;\n")
                .append("    *) COMPREPLY=() ;;\n")
                .append("  esac\n")
                .append("}\n");
        for (CommandDoc c : commands) {
            function(b, c);
        }
        return b.toString();
    }

    private static void function(StringBuilder b, CommandDoc c) {
        String fn = "_pingkit_" + c.name().replace('-', '_');
        // Option values: a case on the previous word. Options are listed as typed: -c, --json.
        Map<String, String> valueCases = new TreeMap<>();
        List<String> all = new ArrayList<>();
        for (Option o : c.options().getOptions()) {
            List<String> forms = new ArrayList<>();
            if (o.getOpt() != null) {
                forms.add("-" + o.getOpt());
            }
            if (o.getLongOpt() != null) {
                forms.add("--" + o.getLongOpt());
            }
            all.addAll(forms);
            if (!o.hasArg()) {
                continue;
            }
            for (String form : forms) {
                CommandDoc.Values v = c.values().getOrDefault(form, CommandDoc.Values.of(CommandDoc.Kind.NONE));
                valueCases.put(form, call(v));
            }
        }
        all.sort(null);
        b.append('\n').append(fn).append("() {\n")
                .append("  local cur=${COMP_WORDS[COMP_CWORD]} prev=\n")
                .append("  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}\n")
                .append("  case $prev in\n");
        // Options sharing a completion share a branch: -c|-i|... ) none.
        Map<String, List<String>> byCall = new TreeMap<>();
        valueCases.forEach((form, call) -> byCall.computeIfAbsent(call, k -> new ArrayList<>()).add(form));
        byCall.forEach((call, forms) -> b.append("    ").append(String.join("|", forms)).append(") ")
                .append(call).append("; return ;;\n"));
        b.append("  esac\n")
                .append("  if [[ $cur == -* ]]; then\n")
                .append("    COMPREPLY=($(compgen -W '").append(String.join(" ", all)).append("' -- \"$cur\"))\n")
                .append("  else\n")
                .append("    ").append(call(c.operands())).append('\n')
                .append("  fi\n")
                .append("}\n")
                .append("complete -F ").append(fn).append(" scripts/").append(c.name()).append(" ./scripts/")
                .append(c.name()).append(" ${_pingkit_home:+\"$_pingkit_home/scripts/").append(c.name())
                .append("\"}\n");
    }

    private static String call(CommandDoc.Values v) {
        return switch (v.kind()) {
            case WORDS -> "_pingkit_values words '" + String.join(" ", v.words()) + "'";
            default -> "_pingkit_values " + v.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
