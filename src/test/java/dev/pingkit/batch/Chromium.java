package dev.pingkit.batch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders a file in headless Chromium (Debian's {@code chromium}, which .ci/run installs) and returns the screenshot,
 * so a test checks the picture a person would see. Under CI its absence fails; elsewhere the test skips.
 */
public final class Chromium {
    private Chromium() {
    }

    public static void require() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium is needed by this test and .ci/run installs it, but it does not run");
        }
        Assumptions.assumeTrue(ok, "chromium is not installed (apt-get install chromium)");
    }

    /** A {@code width} x {@code height} screenshot of {@code file}; no network, no profile kept. */
    public static BufferedImage screenshot(Path file, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("pingkit-chromium");
        Path png = profile.resolve("shot.png");
        try {
            Process p = new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--screenshot=" + png, file.toUri().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 90 s");
            }
            if (!Files.isRegularFile(png)) {
                throw new AssertionError("chromium exited " + p.exitValue() + " without a screenshot");
            }
            return ImageIO.read(png.toFile());
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Whether the pixel's colour is within {@code tolerance} per channel of {@code #rrggbb}. */
    public static boolean near(BufferedImage img, int x, int y, String colour, int tolerance) {
        if (x < 0 || y < 0 || x >= img.getWidth() || y >= img.getHeight()) {
            return false;
        }
        int rgb = img.getRGB(x, y);
        int want = Integer.parseInt(colour.substring(1), 16);
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((want >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** How many pixels of the column {@code x} between rows {@code y0} and {@code y1} are near {@code colour}. */
    public static int inColumn(BufferedImage img, int x, int y0, int y1, String colour) {
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            n += near(img, x, y, colour, 40) ? 1 : 0;
        }
        return n;
    }

    /** How many pixels of the box around ({@code x}, {@code y}) are near {@code colour}. */
    public static int around(BufferedImage img, int x, int y, int r, String colour) {
        int n = 0;
        for (int dx = -r; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                n += near(img, x + dx, y + dy, colour, 40) ? 1 : 0;
            }
        }
        return n;
    }
}
