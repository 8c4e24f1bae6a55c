package dev.pingkit.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, held on the main classes: packet and socket import nothing of pingkit,
 * ping only packet and socket, the facade ({@code dev.pingkit}) packet and ping, front ends never socket; only
 * socket touches JNA, only cli Commons CLI, only repl JLine; no cycles.
 * Every rule holds outright: nothing is frozen any more.
 */
class LayeringTest {
    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pingkit");
    }

    private static final String FACADE = "dev.pingkit";
    private static final String[] ALL_BUT_PACKET = {FACADE, "dev.pingkit.socket..", "dev.pingkit.ping..",
            "dev.pingkit.cli..", "dev.pingkit.repl..", "dev.pingkit.jshell.."};

    @Test
    void packetImportsNothingOfPingkit() {
        noClasses().that().resideInAPackage("dev.pingkit.packet..")
                .should().dependOnClassesThat().resideInAnyPackage(ALL_BUT_PACKET)
                .check(main);
    }

    @Test
    void socketImportsNothingOfPingkit() {
        noClasses().that().resideInAPackage("dev.pingkit.socket..")
                .should().dependOnClassesThat().resideInAnyPackage(FACADE, "dev.pingkit.packet..",
                        "dev.pingkit.ping..", "dev.pingkit.cli..", "dev.pingkit.repl..", "dev.pingkit.jshell..")
                .check(main);
    }

    @Test
    void pingImportsOnlyPacketAndSocket() {
        noClasses().that().resideInAPackage("dev.pingkit.ping..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pingkit.cli..", "dev.pingkit.repl..",
                        "dev.pingkit.jshell..")
                .check(main);
    }

    @Test
    void nothingBelowTheFacadeImportsIt() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.pingkit.packet..", "dev.pingkit.socket..",
                        "dev.pingkit.ping..")
                .should().dependOnClassesThat().resideInAPackage(FACADE)
                .because("the facade is a thin layer over packet and ping, never the other way round");
        rule.check(main);
    }

    @Test
    void theFacadeImportsPacketAndPingOnly() {
        noClasses().that().resideInAPackage(FACADE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.pingkit.cli..", "dev.pingkit.repl..",
                        "dev.pingkit.jshell..")
                .check(main);
    }

    @Test
    void frontEndsNeverImportSocket() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.pingkit.cli..", "dev.pingkit.repl..",
                        "dev.pingkit.jshell..")
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
    void noCyclesBetweenTheSubpackages() {
        slices().matching("dev.pingkit.(*)..").should().beFreeOfCycles().check(main);
    }
}
