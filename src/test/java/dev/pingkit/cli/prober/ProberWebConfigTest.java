package dev.pingkit.cli.prober;

import static dev.pingkit.cli.prober.ProberProcessTest.assumeRoot;
import static dev.pingkit.cli.prober.ProberProcessTest.await;
import static dev.pingkit.cli.prober.ProberProcessTest.read;
import static dev.pingkit.cli.prober.ProberProcessTest.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --web.config.file} on a real listener on 127.0.0.1, asked with curl: TLS from PEM files openssl makes at
 * test time (a throwaway self-signed certificate; no key is committed) and basic auth against a bcrypt hash. Without
 * or with a wrong password: 401; over plain HTTP: a refused handshake, never the metrics. A bad file: one line,
 * exit 2. Needs root (raw sockets) and openssl and curl.
 */
class ProberWebConfigTest {

    /** A throwaway self-signed EC certificate for 127.0.0.1, its key in SEC1 form (the JDK alone cannot read it). */
    static void certificate(Path dir) throws Exception {
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        run(dir, "openssl", "req", "-x509", "-key", "key.pem", "-out", "cert.pem", "-days", "1", "-subj",
                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    }

    /** A bcrypt hash of {@code password} at cost 10, as {@code htpasswd -nBC 10} makes ($2y$). */
    static String bcrypt(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 10);
    }

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** curl's exit code, then the HTTP status (000 when there was none), then the body. */
    private static List<String> curl(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-o", "body", "-w",
                "%{http_code}"));
        argv.addAll(List.of(args));
        Files.deleteIfExists(dir.resolve("body"));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectError(dir.resolve("curl.err").toFile())
                .start();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return List.of(Integer.toString(p.exitValue()), status, read(dir.resolve("body")));
    }

    @Test
    void tlsAndBasicAuthFromTheExporterToolkitFile(@TempDir Path dir) throws Exception {
        assumeRoot();
        certificate(dir);
        Files.writeString(dir.resolve("web.yml"), """
                # The exporter-toolkit format: paths relative to this file.
                tls_server_config:
                  cert_file: cert.pem
                  key_file: key.pem
                basic_auth_users:
                  prometheus: %s
                """.formatted(bcrypt("s3cret pass")));
        Process p = start(dir, "p", List.of("--listen", "127.0.0.1:0", "--web.config.file",
                dir.resolve("web.yml").toString(), "-i", "0.2", "127.0.0.1"));
        try {
            String line = await(p, dir.resolve("p.err"), "metrics at https://127.0.0.1:", 1);
            String url = line.replaceAll(".*(https://127\\.0\\.0\\.1:\\d+/metrics).*", "$1");
            List<String> none = curl(dir, "--cacert", "cert.pem", url);
            assertEquals("401", none.get(1), none.toString());
            assertTrue(!none.get(2).contains("smokeping_"), none.get(2));
            List<String> wrong = curl(dir, "--cacert", "cert.pem", "-u", "prometheus:wrong", url);
            assertEquals("401", wrong.get(1), wrong.toString());
            List<String> nobody = curl(dir, "--cacert", "cert.pem", "-u", "nobody:s3cret pass", url);
            assertEquals("401", nobody.get(1), nobody.toString());
            for (int i = 0; i < 3; i++) { // the second and third from the verified-pair cache
                List<String> ok = curl(dir, "--cacert", "cert.pem", "-u", "prometheus:s3cret pass", url);
                assertEquals("200", ok.get(1), ok.toString());
                assertTrue(ok.get(2).contains("smokeping_requests_total{host=\"127.0.0.1\",ip=\"127.0.0.1\"}"),
                        ok.get(2));
            }
            List<String> healthy = curl(dir, "--cacert", "cert.pem", url.replace("/metrics", "/-/healthy"));
            assertEquals("401", healthy.get(1), "auth covers every path: " + healthy);
            // Plain HTTP to the TLS listener: no HTTP answer at all, so no metrics.
            List<String> plain = curl(dir, "-u", "prometheus:s3cret pass", url.replace("https:", "http:"));
            assertNotEquals("0", plain.get(0), plain.toString());
            assertEquals("000", plain.get(1), plain.toString());
            assertTrue(!plain.get(2).contains("smokeping_"), plain.get(2));
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBadWebConfigFileIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        assumeRoot();
        certificate(dir);
        String hash = bcrypt("x");
        String[][] cases = {
            {"basic_auth_users:\n  u: plaintext\n",
                "basic_auth_users.u must be a bcrypt hash ($2y$10$ and 53 characters, as htpasswd -nBC 10 prints), "
                        + "got 'plaintext'"},
            {"tls_server_config:\n  cert_file: cert.pem\n", "tls_server_config.key_file is missing"},
            {"tls_server_config:\n  cert_file: nope.pem\n  key_file: key.pem\n",
                "tls_server_config.cert_file " + dir.resolve("nope.pem") + ": no such readable file"},
            {"tls_server_config:\n  cert_file: key.pem\n  key_file: key.pem\n",
                "tls_server_config.cert_file " + dir.resolve("key.pem") + ": no PEM certificate in it"},
            {"tls_server_config:\n  cert_file: cert.pem\n  key_file: cert.pem\n",
                "tls_server_config.key_file " + dir.resolve("cert.pem") + ": no unencrypted PEM private key in it"},
            {"tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  min_version: TLS10\n",
                "tls_server_config.min_version must be TLS12 or TLS13 (the JDK refuses older ones), got 'TLS10'"},
            {"tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n  client_auth_type: RequireAndVerifyClientCert\n",
                "tls_server_config.client_auth_type RequireAndVerifyClientCert needs client_ca_file"},
            {"basic_auth_users:\n  u: " + hash + "\nbasic_auth_user: {}\n",
                "unknown key 'basic_auth_user' (allowed: tls_server_config, basic_auth_users, http_server_config)"},
            {"basic_auth_users: [a, b\n", "not valid YAML: "},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("web.yml"), c[0]);
            Process p = start(dir, "bad", List.of("--listen", "127.0.0.1:0", "--web.config.file",
                    dir.resolve("web.yml").toString(), "127.0.0.1"));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String err = read(dir.resolve("bad.err"));
            assertEquals(2, p.exitValue(), err);
            assertTrue(err.startsWith("prober: --web.config.file " + dir.resolve("web.yml") + ": " + c[1]), err);
            assertEquals(1, err.lines().count(), err);
        }
    }
}
