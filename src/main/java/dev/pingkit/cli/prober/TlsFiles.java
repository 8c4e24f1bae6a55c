package dev.pingkit.cli.prober;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import dev.pingkit.cli.UsageException;

/**
 * <b>A TLS context from PEM files as Go's tools write them</b>: a certificate chain, its key (PKCS#8, PKCS#1 RSA
 * or SEC1 EC, unencrypted, as the exporter-toolkit takes them) and optionally the CAs that sign client certificates.
 * Bouncy Castle reads the key forms the JDK does not.
 */
final class TlsFiles {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsFiles() {
    }

    /** The server context; {@code clientCa} may be null. Every mistake is one line naming the file. */
    static SSLContext context(String where, Path cert, Path key, Path clientCa) throws UsageException {
        try {
            List<X509Certificate> chain = certificates(where, "cert_file", cert);
            PrivateKey pk = privateKey(where, key);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", pk, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            TrustManagerFactory tmf = null;
            if (clientCa != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (X509Certificate c : certificates(where, "client_ca_file", clientCa)) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new UsageException(where + "tls_server_config: the key does not fit the certificate or is not "
                    + "usable: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(where + "tls_server_config: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(String where, String field, Path file)
            throws UsageException, IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o; (o = read(where, field, file, p)) != null; ) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(conv.getCertificate(h));
                }
            }
        }
        if (out.isEmpty()) {
            throw new UsageException(where + "tls_server_config." + field + " " + file + ": no PEM certificate in it");
        }
        return out;
    }

    private static PrivateKey privateKey(String where, Path file) throws UsageException, IOException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o; (o = read(where, "key_file", file, p)) != null; ) {
                if (o instanceof PEMKeyPair kp) {
                    return conv.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo ki) {
                    return conv.getPrivateKey(ki);
                }
            }
        }
        throw new UsageException(where + "tls_server_config.key_file " + file + ": no unencrypted PEM private key "
                + "in it");
    }

    private static Object read(String where, String field, Path file, PEMParser p) throws UsageException {
        try {
            return p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new UsageException(where + "tls_server_config." + field + " " + file + ": not PEM ("
                    + e.getMessage() + ")");
        }
    }
}
