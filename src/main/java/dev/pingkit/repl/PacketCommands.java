package dev.pingkit.repl;

/** The commands that build, send and receive packets (filled in as the packet and engine layers land). */
final class PacketCommands {
    private final Session session;
    private final Console console;

    PacketCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    void register(Commands commands) {
    }
}
