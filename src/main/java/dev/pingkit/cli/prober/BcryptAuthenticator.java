package dev.pingkit.cli.prober;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import com.sun.net.httpserver.BasicAuthenticator;

/**
 * <b>Basic auth against the web config file's bcrypt hashes</b> (a wrong user or password: 401). bcrypt is slow on
 * purpose (tens of milliseconds at cost 10), and Prometheus sends the same credentials every scrape, so a pair
 * once verified is remembered by its SHA-256, as the exporter-toolkit caches them; the cache is bounded.
 */
final class BcryptAuthenticator extends BasicAuthenticator {
    private static final int CACHE = 256;
    private final Map<String, String> users;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    BcryptAuthenticator(Map<String, String> users) {
        super("pingkit prober", StandardCharsets.UTF_8);
        this.users = Map.copyOf(users);
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        String hash = users.get(user);
        if (hash == null) {
            return false;
        }
        String key = digest(user + '\0' + password + '\0' + hash);
        if (verified.contains(key)) {
            return true;
        }
        boolean ok;
        try {
            ok = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            ok = false; // checked when the file was read; a password over bcrypt's 72 bytes lands here
        }
        if (ok) {
            if (verified.size() >= CACHE) {
                verified.clear();
            }
            verified.add(key);
        }
        return ok;
    }

    private static String digest(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
