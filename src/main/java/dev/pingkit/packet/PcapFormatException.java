package dev.pingkit.packet;

import java.io.IOException;

/**
 * <b>A capture file that is not a well-formed pcap or pcapng file: the message names the file, the byte offset and what
 * was wrong there.</b>
 */
public final class PcapFormatException extends IOException {
    private final String file;
    private final long offset;

    PcapFormatException(String file, long offset, String what) {
        super(file + ": at offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    /** <b>The file as named to the reader.</b> */
    public String file() {
        return file;
    }

    /** <b>The byte offset in the file where the problem starts.</b> */
    public long offset() {
        return offset;
    }
}
