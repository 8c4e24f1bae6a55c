package dev.pingkit.repl;

import java.util.Collection;
import java.util.Optional;

/** <b>"Did you mean ...?" for a mistyped command or field: the one known word a typo or two away.</b> */
final class Spelling {
    private Spelling() {
    }

    /**
     * The known word closest to {@code typed}, if it is within two edits (one for words of up to four letters) and
     * no other word is as close; or the only known word that {@code typed} starts or is started by.
     */
    static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String word : known) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), word);
            if (d < bestDistance) {
                best = word;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        int allowed = typed.length() <= 4 ? 1 : 2;
        if (best != null && !tie && bestDistance <= allowed) {
            return Optional.of(best);
        }
        var prefixed = known.stream().filter(w -> typed.length() >= 2 && (w.startsWith(typed) || typed.startsWith(w)))
                .toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** " (did you mean show?)" or "" when nothing is close. */
    static String hint(String typed, Collection<String> known) {
        return closest(typed, known).map(w -> "; did you mean " + w + "?").orElse("");
    }

    /** Edit distance with adjacent transpositions (optimal string alignment): "shwo" is one edit from "show". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
