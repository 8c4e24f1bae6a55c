package dev.pingkit.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, held on the main classes. One engine ({@code engine}), a package per
 * mode over it ({@code ping sweep trace batch capture}), the facade ({@code dev.pingkit}) on top, front ends
 * ({@code cli repl jshell}) beside it; {@code packet} and {@code socket} at the bottom. Every rule holds outright:
 * nothing is frozen.
 */
class LayeringTest {
    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pingkit");
    }

    private static final String FACADE = "dev.pingkit";
    private static final String ENGINE = "dev.pingkit.engine..";
    private static final String[] MODES = {"dev.pingkit.ping..", "dev.pingkit.sweep..", "dev.pingkit.trace..",
            "dev.pingkit.batch..", "dev.pingkit.capture.."};
    private static final String[] FRONT_ENDS = {"dev.pingkit.cli..", "dev.pingkit.repl..", "dev.pingkit.jshell.."};
    /** What of socket the engine's API and SPI carry: value types, the SPI's socket interface, its exceptions. */
    private static final String[] SOCKET_VALUES = {"dev.pingkit.socket.Family", "dev.pingkit.socket.SocketKind",
            "dev.pingkit.socket.SocketOptions", "dev.pingkit.socket.SocketOptions$*", "dev.pingkit.socket.IcmpSocket",
            "dev.pingkit.socket.NativeSocketException", "dev.pingkit.socket.PermissionException"};

    private static String[] all(String[]... groups) {
        List<String> out = new ArrayList<>();
        for (String[] g : groups) {
            out.addAll(List.of(g));
        }
        return out.toArray(String[]::new);
    }

    @Test
    void packetImportsNothingOfPingkit() {
        noClasses().that().resideInAPackage("dev.pingkit.packet..")
                .should().dependOnClassesThat().resideInAnyPackage(all(new String[] {FACADE, ENGINE,
                        "dev.pingkit.socket.."}, MODES, FRONT_ENDS))
                .check(main);
    }

    @Test
    void socketImportsNothingOfPingkit() {
        noClasses().that().resideInAPackage("dev.pingkit.socket..")
                .should().dependOnClassesThat().resideInAnyPackage(all(new String[] {FACADE, ENGINE,
                        "dev.pingkit.packet.."}, MODES, FRONT_ENDS))
                .check(main);
    }

    @Test
    void theEngineImportsOnlyPacketAndSocket() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(all(new String[] {FACADE}, MODES, FRONT_ENDS))
                .because("the engine knows no mode, no front end and no facade: a mode's need is a general capability")
                .check(main);
    }

    @Test
    void modesImportTheEngineAndPacketNeverEachOtherNorTheFacade() {
        for (String mode : MODES) {
            List<String> others = new ArrayList<>(List.of(all(new String[] {FACADE}, MODES, FRONT_ENDS)));
            others.remove(mode);
            noClasses().that().resideInAPackage(mode)
                    .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                    .because("a mode is a schedule and a result over the engine; values two modes share live in "
                            + "the engine or packet")
                    .check(main);
        }
    }

    @Test
    void modesSeeSocketOnlyThroughTheEnginesValues() {
        noClasses().that().resideInAnyPackage(MODES)
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "socket classes other than the engine's API values",
                        c -> c.getPackageName().equals("dev.pingkit.socket") && !isSocketValue(c.getName())))
                .because("sockets are opened, read and filtered by the engine alone")
                .check(main);
    }

    private static boolean isSocketValue(String name) {
        for (String v : SOCKET_VALUES) {
            if (v.endsWith("$*") ? name.startsWith(v.substring(0, v.length() - 1)) : name.equals(v)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theFacadeNeverImportsAFrontEndNorSocket() {
        noClasses().that().resideInAPackage(FACADE)
                .should().dependOnClassesThat().resideInAnyPackage(all(FRONT_ENDS, new String[] {"dev.pingkit.socket.."}))
                .check(main);
    }

    @Test
    void theRootPackageHoldsNoMode() {
        classes().that().resideInAPackage(FACADE).should().haveSimpleNameNotStartingWith("Sweep")
                .andShould().haveSimpleNameNotStartingWith("Trace")
                .andShould().haveSimpleNameNotStartingWith("Ping")
                .andShould().haveSimpleNameNotStartingWith("Probes")
                .andShould().haveSimpleNameNotStartingWith("Results")
                .andShould().haveSimpleNameNotStartingWith("Capture")
                .because("each mode lives in its own package; the root keeps what a JShell user types first")
                .check(main);
    }

    @Test
    void frontEndsNeverImportSocket() {
        ArchRule rule = noClasses().that().resideInAnyPackage(FRONT_ENDS)
                .and().doNotHaveFullyQualifiedName("dev.pingkit.jshell.TeachingSocket")
                .should().dependOnClassesThat().resideInAPackage("dev.pingkit.socket..")
                .because("every send goes through the engine, which owns the sockets; TeachingSocket alone is"
                        + " the learner's own bare socket (exercises 7 to 10: their bytes, their matching and timing),"
                        + " so it holds one directly and the engine never sees it");
        rule.check(main);
    }

    @Test
    void onlySocketTouchesJna() {
        noClasses().that().resideOutsideOfPackage("dev.pingkit.socket..")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .check(main);
    }

    @Test
    void onlyCliUsesCommonsCli() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.pingkit.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.commons.cli..");
        rule.check(main);
    }

    @Test
    void onlyReplUsesJline() {
        noClasses().that().resideOutsideOfPackage("dev.pingkit.repl..")
                .should().dependOnClassesThat().resideInAPackage("org.jline..")
                .check(main);
    }

    @Test
    void onlyTheProberUsesThePrometheusClientAndItsWebConfigLibraries() {
        noClasses().that().resideOutsideOfPackage("dev.pingkit.cli.prober..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..", "org.yaml.snakeyaml..",
                        "org.bouncycastle..")
                .check(main);
    }

    @Test
    void noCyclesBetweenTheSubpackages() {
        slices().matching("dev.pingkit.(*)..").should().beFreeOfCycles().check(main);
    }
}
