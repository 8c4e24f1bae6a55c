package dev.pingkit.packet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pcapng capture as read: its interfaces, its packets in file order, the names it resolves, the statistics and
 * comments it carries.
 *
 * <pre>{@code
 * var f = PcapNgFile.read(Path.of("dumpcap.pcapng"));
 * f.interfaces().get(0).name(); f.packets().get(0).icmp(); f.packets().get(0).comment();
 * }</pre>
 * {@link Pcap#read(Path)} reads the packets of either format; this type adds what only pcapng says. Several sections
 * are read one after the other: interface numbers in {@link PcapPacket}s and statistics count from the file's first
 * interface, so they stay unique across sections.
 *
 * @param interfaces every interface description, in file order
 * @param packets    every enhanced, simple and obsolete packet block
 * @param names      the name resolution records (address to names)
 * @param statistics the interface statistics blocks
 * @param comments   the comments of the section headers and statistics blocks ({@code shb_comment}, ...)
 */
public record PcapNgFile(List<Interface> interfaces, List<PcapPacket> packets, List<Name> names,
                         List<Statistics> statistics, List<String> comments) {
    public PcapNgFile {
        interfaces = List.copyOf(interfaces);
        packets = List.copyOf(packets);
        names = List.copyOf(names);
        statistics = List.copyOf(statistics);
        comments = List.copyOf(comments);
    }

    /**
     * One interface description block.
     *
     * @param linkType       its link type ({@link Pcap#LINKTYPE_ETHERNET}, ...)
     * @param snapLength     its snap length, 0 for none
     * @param name           {@code if_name}, empty if absent
     * @param description    {@code if_description}, empty if absent
     * @param unitsPerSecond timestamp units per second ({@code if_tsresol}; 1 000 000 by default)
     */
    public record Interface(int linkType, long snapLength, String name, String description, long unitsPerSecond) {
    }

    /**
     * One name resolution record.
     *
     * @param address the address
     * @param names   the names the capturing host had for it
     */
    public record Name(InetAddress address, List<String> names) {
        public Name {
            names = List.copyOf(names);
        }
    }

    /**
     * One interface statistics block; a counter absent from the block is -1.
     *
     * @param interfaceId the interface, counted from the file's first
     * @param epochNanos  when the statistics were taken
     * @param received    packets the interface received ({@code isb_ifrecv})
     * @param dropped     packets it dropped ({@code isb_ifdrop})
     */
    public record Statistics(int interfaceId, long epochNanos, long received, long dropped) {
    }

    /**
     * Reads a pcapng file. The file is not trusted: a block whose length is not a multiple of 4, shorter than its
     * fields or longer than {@link PcapNgReader#MAX_BLOCK_LENGTH}, an option running past its block, a packet of an
     * interface not described, a captured length over the packet's own or {@link Pcap#MAX_RECORD_LENGTH}, or a file
     * that does not start with a section header all end the read with one {@link PcapFormatException} naming the
     * file and the offset. Blocks of a type pingkit does not know (decryption secrets, custom, journal) are skipped.
     *
     * @throws PcapFormatException if the file is not well-formed pcapng
     * @throws IOException         if it cannot be read
     */
    public static PcapNgFile read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /** As {@link #read(Path)} from a stream; {@code name} is what error messages call it. */
    public static PcapNgFile read(InputStream in, String name) throws IOException {
        return new PcapNgReader(in, name).read(new byte[0]);
    }

    /** One line: {@code pcapng: 2 interfaces, 14 packets, 3 names, 1 statistics block}. */
    @Override
    public String toString() {
        return "pcapng: " + interfaces.size() + " interface" + (interfaces.size() == 1 ? "" : "s") + ", "
                + packets.size() + " packet" + (packets.size() == 1 ? "" : "s") + ", " + names.size() + " name"
                + (names.size() == 1 ? "" : "s") + ", " + statistics.size() + " statistics block"
                + (statistics.size() == 1 ? "" : "s");
    }
}
