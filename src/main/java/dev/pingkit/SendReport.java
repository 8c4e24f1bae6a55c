package dev.pingkit;

import dev.pingkit.packet.Addresses;
import dev.pingkit.packet.IcmpMessage;
import dev.pingkit.SendResult;

import java.util.Locale;

/**
 * <b>A {@link SendResult} in words: ping's one line for it, and the full view with the {@link Echo} as built.</b>
 *
 * <pre>{@code
 * Echo hi = Echo.to("127.0.0.1").payload("hi");
 * SendResult r = hi.send();
 * SendReport.line(r);      // "10 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms"
 * SendReport.show(hi, r);  // every field of the request (send options too) and of what came back
 * }</pre>
 */
public final class SendReport {
    private SendReport() {
    }

    /**
     * <b>The result as iputils ping words it</b>: {@code 10 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.042 ms},
     * {@code From 198.51.100.1 icmp_seq=1 Time to live exceeded}, or {@code no reply from ... within N ms}.
     */
    public static String line(SendResult result) {
        if (result instanceof SendResult.Answered a) {
            return a.reply().length() + " bytes from " + Addresses.text(a.from()) + ": icmp_seq=" + a.reply().seq()
                    + (a.ttl() >= 0 ? " ttl=" + a.ttl() : "") + " time=" + millis(a.rttNanos()) + " ms"
                    + (a.checksumOk() ? "" : " (BAD CHECKSUM!)") + (a.payloadMatches() ? "" : " (PAYLOAD ALTERED!)");
        }
        if (result instanceof SendResult.Failed f) {
            IcmpMessage error = f.error();
            String what = error.codeName().isEmpty() || "unknown".equals(error.codeName())
                    ? error.typeName() : error.codeName();
            return "From " + Addresses.text(f.from()) + " icmp_seq=" + f.request().sequence() + " " + what;
        }
        SendResult.NoReply n = (SendResult.NoReply) result;
        return "no reply from " + Addresses.text(n.target()) + " icmp_seq=" + n.request().sequence() + " within "
                + n.waited().toMillis() + " ms";
    }

    /**
     * <b>The request as {@code echo} shows itself (send options included), then what came back, field by
     * field</b>; {@code echo} is the probe the result is of.
     */
    public static String show(Echo echo, SendResult result) {
        String request = "request:\n" + indent(echo.show()) + "\n";
        if (result instanceof SendResult.Answered a) {
            return request + "reply from " + Addresses.text(a.from()) + " after " + millis(a.rttNanos()) + " ms"
                    + (a.ttl() >= 0 ? ", ttl " + a.ttl() : "") + ":\n" + indent(a.reply().show());
        }
        if (result instanceof SendResult.Failed f) {
            return request + "error from " + Addresses.text(f.from()) + ":\n" + indent(f.error().show());
        }
        return request + line(result);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String indent(String s) {
        return "  " + s.strip().replace("\n", "\n  ");
    }
}
