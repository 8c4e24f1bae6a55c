package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.pingkit.cli.UsageException;

/**
 * <b>{@code --web.config.file}: the file Prometheus' exporter-toolkit reads</b> (smokeping_prober, node_exporter
 * and the rest take it), so one operator's file serves them all: {@code tls_server_config} ({@code cert_file},
 * {@code key_file}, {@code client_ca_file}, {@code client_auth_type}, {@code min_version}, {@code max_version};
 * paths relative to the file) and {@code basic_auth_users} (user: bcrypt hash). A key it does not know, or one of
 * the toolkit's that pingkit does not do, is a mistake rather than silently less security.
 *
 * @param tls   TLS on the listener, when {@code tls_server_config} is given
 * @param users basic-auth users and their bcrypt hashes; empty for no auth
 */
record WebConfig(Optional<Tls> tls, Map<String, String> users) {
    /** No TLS, no auth: plain HTTP, as without the option. */
    static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of());
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Set<String> UNSUPPORTED_TLS = Set.of("cipher_suites", "curve_preferences",
            "prefer_server_cipher_suites", "client_allowed_sans", "cert", "key");
    private static final List<String> VERSIONS = List.of("TLS12", "TLS13");

    WebConfig {
        users = Map.copyOf(users);
    }

    /** Whom the server asks for a client certificate. */
    enum ClientAuth { NONE, REQUEST, REQUIRE }

    /** A ready TLS context, the client-certificate policy and the protocol versions allowed. */
    record Tls(SSLContext context, ClientAuth clientAuth, String[] protocols) {
        Tls {
            protocols = protocols.clone();
        }

        @Override
        public String[] protocols() {
            return protocols.clone();
        }
    }

    /**
     * <b>Reads and checks {@code file}</b>, its certificates and keys included.
     *
     * @throws UsageException one line naming the file, the key and what is wrong
     */
    static WebConfig read(Path file) throws UsageException {
        String where = "--web.config.file " + file + ": ";
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UsageException(where + "larger than 1 MiB; a web config file is a few lines");
            }
            LoaderOptions lo = new LoaderOptions();
            lo.setMaxAliasesForCollections(10);
            lo.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(lo)).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UsageException(where + "no such file");
        } catch (IOException e) {
            throw new UsageException(where + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (YAMLException e) {
            throw new UsageException(where + "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return NONE; // an empty file, as the toolkit takes it: plain HTTP
        }
        Map<String, Object> top = map(where, "the top level", root);
        for (String k : top.keySet()) {
            if (!Set.of("tls_server_config", "basic_auth_users", "http_server_config").contains(k)) {
                throw new UsageException(where + "unknown key '" + k + "' (allowed: tls_server_config, "
                        + "basic_auth_users, http_server_config)");
            }
        }
        Map<String, String> users = new LinkedHashMap<>();
        if (top.get("basic_auth_users") != null) {
            for (var e : map(where, "basic_auth_users", top.get("basic_auth_users")).entrySet()) {
                if (!(e.getValue() instanceof String h) || !BCRYPT.matcher(h).matches()) {
                    throw new UsageException(where + "basic_auth_users." + e.getKey() + " must be a bcrypt hash "
                            + "($2y$10$ and 53 characters, as htpasswd -nBC 10 prints), got '" + e.getValue() + "'");
                }
                users.put(e.getKey(), h);
            }
        }
        if (top.get("http_server_config") != null) {
            for (var e : map(where, "http_server_config", top.get("http_server_config")).entrySet()) {
                if (!e.getKey().equals("http2")) {
                    throw new UsageException(where + "http_server_config." + e.getKey() + " is not supported "
                            + "(pingkit serves HTTP/1.1; only http2 is accepted, and ignored)");
                }
            }
        }
        Optional<Tls> tls = Optional.empty();
        if (top.get("tls_server_config") != null) {
            tls = Optional.of(tls(where, file, map(where, "tls_server_config", top.get("tls_server_config"))));
        }
        return new WebConfig(tls, users);
    }

    private static Tls tls(String where, Path file, Map<String, Object> t) throws UsageException {
        for (String k : t.keySet()) {
            if (UNSUPPORTED_TLS.contains(k)) {
                throw new UsageException(where + "tls_server_config." + k + " is not supported by pingkit "
                        + "(the JDK's defaults apply; remove it)");
            }
            if (!Set.of("cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version", "max_version")
                    .contains(k)) {
                throw new UsageException(where + "unknown key 'tls_server_config." + k + "'");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Path cert = path(where, dir, t, "cert_file", true);
        Path key = path(where, dir, t, "key_file", true);
        Path ca = path(where, dir, t, "client_ca_file", false);
        String type = string(where, t, "client_auth_type", "NoClientCert");
        ClientAuth auth = switch (type) {
            case "NoClientCert" -> ClientAuth.NONE;
            case "VerifyClientCertIfGiven" -> ClientAuth.REQUEST;
            case "RequireAndVerifyClientCert" -> ClientAuth.REQUIRE;
            default -> throw new UsageException(where + "tls_server_config.client_auth_type must be NoClientCert, "
                    + "VerifyClientCertIfGiven or RequireAndVerifyClientCert (pingkit always verifies a client "
                    + "certificate), got '" + type + "'");
        };
        if (auth != ClientAuth.NONE && ca == null) {
            throw new UsageException(where + "tls_server_config.client_auth_type " + type
                    + " needs client_ca_file");
        }
        int min = version(where, t, "min_version", "TLS12");
        int max = version(where, t, "max_version", "TLS13");
        if (min > max) {
            throw new UsageException(where + "tls_server_config.min_version is above max_version");
        }
        String[] protocols = new String[max - min + 1];
        for (int i = min; i <= max; i++) {
            protocols[i - min] = "TLSv1." + (i + 2);
        }
        return new Tls(TlsFiles.context(where, cert, key, ca), auth, protocols);
    }

    private static int version(String where, Map<String, Object> t, String key, String dflt) throws UsageException {
        String v = string(where, t, key, dflt);
        int i = VERSIONS.indexOf(v);
        if (i < 0) {
            throw new UsageException(where + "tls_server_config." + key + " must be TLS12 or TLS13 (the JDK "
                    + "refuses older ones), got '" + v + "'");
        }
        return i;
    }

    private static Path path(String where, Path dir, Map<String, Object> t, String key, boolean required)
            throws UsageException {
        Object v = t.get(key);
        if (v == null || v.toString().isEmpty()) {
            if (required) {
                throw new UsageException(where + "tls_server_config." + key + " is missing");
            }
            return null;
        }
        Path p = dir.resolve(v.toString());
        if (!Files.isReadable(p)) {
            throw new UsageException(where + "tls_server_config." + key + " " + p + ": no such readable file");
        }
        return p;
    }

    private static String string(String where, Map<String, Object> t, String key, String dflt)
            throws UsageException {
        Object v = t.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw new UsageException(where + "tls_server_config." + key + " must be a string, got '" + v + "'");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String where, String what, Object o) throws UsageException {
        if (!(o instanceof Map<?, ?> m) || m.keySet().stream().anyMatch(k -> !(k instanceof String))) {
            throw new UsageException(where + what + " must be a mapping of names, got '" + o + "'");
        }
        return (Map<String, Object>) m;
    }
}
