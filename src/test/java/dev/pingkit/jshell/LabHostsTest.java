package dev.pingkit.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Where {@code lab("far")} finds its address, and the one line it says when it cannot be used. */
class LabHostsTest {
    private static final String TABLE = """
            client      198.51.100.1   2001:db8:0:1::1
            peer        198.51.100.2   2001:db8:0:1::2
            far         198.18.1.2     2001:db8:1:1::2
            """;
    private static final Function<String, String> NONE = k -> null;

    private static String resolve(String host, Map<String, String> properties, Map<String, String> environment,
                                  Set<String> local, boolean namespaceExists) {
        return LabHosts.resolve(host, properties::get, environment::get, () -> LabHosts.parse(TABLE), () -> local,
                () -> namespaceExists);
    }

    @Test
    void readsTheProjectTableInsideTheClientNamespace() {
        assertEquals("198.18.1.2", resolve("far", Map.of(), Map.of(), Set.of("198.51.100.1"), true));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheTable() {
        var env = Map.of("PINGKIT_LAB_FAR", "198.18.7.7");
        assertEquals("198.18.7.7", resolve("far", Map.of(), env, Set.of(), false));
        assertEquals("198.18.9.9", resolve("far", Map.of("pingkit.lab.far", "198.18.9.9"), env, Set.of(), false));
    }

    @Test
    void aConfiguredClientIsCheckedToo() {
        var env = Map.of("PINGKIT_LAB_FAR", "198.18.7.7", "PINGKIT_LAB_CLIENT", "198.51.100.77");
        var e = assertThrows(IllegalStateException.class, () -> resolve("far", Map.of(), env, Set.of("127.0.0.1"), true));
        assertTrue(e.getMessage().contains("no interface here has 198.51.100.77"), e.getMessage());
        assertEquals("198.18.7.7", resolve("far", Map.of(), env, Set.of("198.51.100.77"), false));
    }

    @Test
    void saysInOneLineThatTheLabIsDown() {
        var e = assertThrows(IllegalStateException.class,
                () -> resolve("far", Map.of(), Map.of("NETLAB_PREFIX", "pkX-"), Set.of("127.0.0.1"), false));
        assertEquals("the lab is down (no namespace pkX-client): run scripts/netlab up, then start JShell in it:"
                + " ip netns exec pkX-client scripts/jshell", e.getMessage());
    }

    @Test
    void saysInOneLineThatJShellRunsOutsideTheClientNamespace() {
        var e = assertThrows(IllegalStateException.class,
                () -> resolve("peer", Map.of(), Map.of(), Set.of("127.0.0.1"), true));
        assertTrue(e.getMessage().startsWith("JShell is not in the lab's client namespace (no interface here has "
                + "198.51.100.1): start it with ip netns exec pingkit-client scripts/jshell"), e.getMessage());
        assertTrue(e.getMessage().contains("PINGKIT_LAB_PEER=address"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void namesTheChoicesForAHostTheLabLacks() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> resolve("nowhere", Map.of(), Map.of(), Set.of("198.51.100.1"), true));
        assertEquals("lab host must be one of [client, client6, peer, peer6, far, far6], got nowhere", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabHosts.resolve("Far; rm", NONE, NONE,
                () -> LabHosts.parse(TABLE), Set::of, () -> true));
    }
}
