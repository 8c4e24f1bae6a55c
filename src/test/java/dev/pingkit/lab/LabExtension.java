package dev.pingkit.lab;

import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * **Brings the namespace lab up before the first lab test of the JVM**, once, and leaves it up.
 *
 * <p>{@code scripts/netlab up} is idempotent, so a lab left up by an earlier run is reused (and its loss counter
 * reset). The outcome is remembered for the whole JVM: a lab that could not be built fails (or skips) every lab
 * test with the same reason instead of retrying for each. Tearing down is {@code .ci/run}'s business
 * ({@code scripts/netlab down}).
 *
 * <p>Skip versus fail: exit code 2 from the script means "this machine cannot host the lab" (not root, no
 * namespaces, a missing tool) and skips the test, unless {@code CI=true}, where a skipped lab test would hide
 * that the lab never ran, so it fails. Any other failure of {@code up} is a broken lab and always fails.
 */
public final class LabExtension implements BeforeAllCallback, BeforeEachCallback {

    /** Exit code of {@code scripts/netlab} for "the machine cannot host the lab". */
    static final int UNAVAILABLE = 2;

    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);

    private static Outcome outcome;

    private record Outcome(boolean ready, boolean unavailable, String reason) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        require();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Needed when @LabTest sits on a method only: beforeAll is not called for method-level extensions.
        require();
    }

    private static void require() {
        Outcome o = outcome();
        if (o.ready()) {
            return;
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (o.unavailable() && !ci) {
            Assumptions.abort(o.reason());
        }
        Assertions.fail(ci && o.unavailable() ? o.reason() + " (CI=true: lab tests must run here)" : o.reason());
    }

    private static synchronized Outcome outcome() {
        if (outcome == null) {
            outcome = bringUp();
        }
        return outcome;
    }

    private static Outcome bringUp() {
        String os = System.getProperty("os.name", "?");
        if (!os.toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return new Outcome(false, true, "namespace lab unavailable: needs Linux network namespaces, this is " + os);
        }
        Lab.Result up;
        try {
            up = Lab.netlab(UP_TIMEOUT, "up");
        } catch (RuntimeException e) {
            return new Outcome(false, false, "namespace lab: scripts/netlab up could not run: " + e.getMessage());
        }
        if (up.exitCode() == 0) {
            return new Outcome(true, false, "");
        }
        String why = up.stderr().isBlank() ? up.stdout().strip() : up.stderr().strip();
        if (up.exitCode() == UNAVAILABLE) {
            return new Outcome(false, true, "namespace lab unavailable: " + why);
        }
        return new Outcome(false, false, "namespace lab: scripts/netlab up failed (exit " + up.exitCode() + "): " + why);
    }
}
