package dev.pingkit.cli.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each expected string below was copied from Debian's iputils-ping 20221126 output or source. */
class IputilsFormatTest {

    @Test
    void headerMatchesIputilsForIpv4() {
        assertEquals("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.",
                IputilsFormat.header("127.0.0.1", "127.0.0.1", false, 56, null, null));
        assertEquals("PING 127.0.0.1 (127.0.0.1) 0(28) bytes of data.",
                IputilsFormat.header("127.0.0.1", "127.0.0.1", false, 0, null, null));
        assertEquals("PING localhost (127.0.0.1) 56(84) bytes of data.",
                IputilsFormat.header("localhost", "127.0.0.1", false, 56, null, null));
    }

    @Test
    void headerMatchesIputilsForIpv6WithoutSpaceBeforeParenthesis() {
        assertEquals("PING ::1(::1) 56 data bytes", IputilsFormat.header("::1", "::1", true, 56, null, null));
        assertEquals("PING ::1(::1) 65528 data bytes", IputilsFormat.header("::1", "::1", true, 65528, null, null));
    }

    @Test
    void headerShowsTheFlowLabelOfDashFForIpv6Only() {
        assertEquals("PING ::1(::1) , flow 0x12345, 56 data bytes",
                IputilsFormat.header("::1", "::1", true, 56, null, null, 0x12345));
        assertEquals("PING ::1(::1) , flow 0x00011, from ::1 lo: 56 data bytes",
                IputilsFormat.header("::1", "::1", true, 56, "::1", "lo", 17));
        assertEquals("PING ::1(::1) 56 data bytes", IputilsFormat.header("::1", "::1", true, 56, null, null, -1));
        assertEquals("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.",
                IputilsFormat.header("127.0.0.1", "127.0.0.1", false, 56, null, null, 5));
    }

    @Test
    void headerNamesSourceAndDeviceWithDashI() {
        assertEquals("PING 127.0.0.1 (127.0.0.1) from 127.0.0.1 lo: 56(84) bytes of data.",
                IputilsFormat.header("127.0.0.1", "127.0.0.1", false, 56, "127.0.0.1", "lo"));
    }

    @Test
    void replyLineMatchesIputils() {
        assertEquals("64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.103 ms",
                IputilsFormat.reply(64, "127.0.0.1", 1, -1, 64, 103, false, false, false, -1, 0, 0, null, 56));
        assertEquals("64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.022 ms",
                IputilsFormat.reply(64, "localhost (127.0.0.1)", 1, -1, 64, 22, false, false, false, -1, 0, 0, null, 56));
        assertEquals("64 bytes from 127.0.0.1: icmp_seq=1 ident=6280 ttl=64 time=0.008 ms",
                IputilsFormat.reply(64, "127.0.0.1", 1, 6280, 64, 8, false, false, false, -1, 0, 0, null, 56));
    }

    @Test
    void replyLineWithoutTimingForSmallPayloads() {
        assertEquals("8 bytes from 127.0.0.1: icmp_seq=1 ttl=64",
                IputilsFormat.reply(8, "127.0.0.1", 1, -1, 64, -1, false, false, false, -1, 0, 0, null, 0));
    }

    @Test
    void replyMarksDuplicatesAndBadChecksumsInIputilsOrder() {
        assertEquals("64 bytes from 198.51.100.2: icmp_seq=3 ttl=63 time=1.23 ms (DUP!) (BAD CHECKSUM!)",
                IputilsFormat.reply(64, "198.51.100.2", 3, -1, 63, 1234, false, true, true, -1, 0, 0, null, 56));
        assertEquals("20 bytes from 198.51.100.2: icmp_seq=3 ttl=63 (truncated)",
                IputilsFormat.reply(20, "198.51.100.2", 3, -1, 63, 1234, true, false, false, -1, 0, 0, null, 56));
    }

    @Test
    void wrongDataByteIsWordedAsIputilsAndFollowedByTheDump() {
        byte[] data = new byte[56];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        data[20] = 0;
        String line = IputilsFormat.reply(64, "127.0.0.1", 1, -1, 64, 50, false, false, false, 20, 0x14, 0, data, 56);
        String[] lines = line.split("\n");
        assertEquals("wrong data byte #20 should be 0x14 but was 0x0", lines[1]);
        assertEquals("#16\t10 11 12 13 0 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f ",
                lines[2]);
        assertEquals("#48\t30 31 32 33 34 35 36 37 ", lines[3]);
    }

    @Test
    void aReplyLongerThanTheRequestSaysSoOnTheLineAfterInsteadOfAWrongByte() {
        byte[] data = new byte[64];
        String line = IputilsFormat.reply(72, "127.0.0.1", 1, -1, 64, 50, false, false, false, 56, -1, 0xab, data, 56);
        String[] lines = line.split("\n");
        assertEquals(2, lines.length, line);
        assertEquals("72 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.050 ms", lines[0]);
        assertEquals("reply too long: 64 data bytes, 56 sent", lines[1]);
    }

    @Test
    void rttPrecisionFollowsIputilsRounding() {
        assertEquals("0.040", IputilsFormat.rtt(40));
        assertEquals("0.999", IputilsFormat.rtt(999));
        assertEquals("1.00", IputilsFormat.rtt(1000));
        assertEquals("1.24", IputilsFormat.rtt(1235));
        assertEquals("9.99", IputilsFormat.rtt(9994));
        assertEquals("10.0", IputilsFormat.rtt(9995));
        assertEquals("12.3", IputilsFormat.rtt(12345));
        assertEquals("99.9", IputilsFormat.rtt(99949));
        assertEquals("100", IputilsFormat.rtt(99950));
        assertEquals("1234", IputilsFormat.rtt(1_234_000));
    }

    @Test
    void timestampPrefixHasMicroseconds() {
        assertEquals("[1795613171.873214] ", IputilsFormat.timestamp(1795613171_873214L));
        assertEquals("[1795613171.000005] ", IputilsFormat.timestamp(1795613171_000005L));
    }

    @Test
    void ipv4ErrorWordingsMatchIputils() {
        assertEquals("From 198.51.100.1 icmp_seq=1 Time to live exceeded",
                IputilsFormat.error("198.51.100.1", 1, IputilsFormat.icmpText(false, 11, 0, 0)));
        assertEquals("Destination Net Unreachable", IputilsFormat.icmpText(false, 3, 0, 0));
        assertEquals("Destination Host Unreachable", IputilsFormat.icmpText(false, 3, 1, 0));
        assertEquals("Destination Port Unreachable", IputilsFormat.icmpText(false, 3, 3, 0));
        assertEquals("Frag needed and DF set (mtu = 1400)", IputilsFormat.icmpText(false, 3, 4, 1400));
        assertEquals("Destination Net Prohibited", IputilsFormat.icmpText(false, 3, 9, 0));
        assertEquals("Destination Host Prohibited", IputilsFormat.icmpText(false, 3, 10, 0));
        assertEquals("Packet filtered", IputilsFormat.icmpText(false, 3, 13, 0));
        assertEquals("Dest Unreachable, Bad Code: 99", IputilsFormat.icmpText(false, 3, 99, 0));
        assertEquals("Frag reassembly time exceeded", IputilsFormat.icmpText(false, 11, 1, 0));
        assertEquals("Parameter problem: pointer = 20", IputilsFormat.icmpText(false, 12, 0, 20));
        assertEquals("Redirect Host(New nexthop: 198.51.100.9)", IputilsFormat.icmpText(false, 5, 1, 0xC6336409L));
        assertEquals("Bad ICMP type: 42", IputilsFormat.icmpText(false, 42, 0, 0));
    }

    @Test
    void ipv6ErrorWordingsMatchIputils() {
        assertEquals("From 2001:db8:1::1 icmp_seq=2 Time exceeded: Hop limit",
                IputilsFormat.error("2001:db8:1::1", 2, IputilsFormat.icmpText(true, 3, 0, 0)));
        assertEquals("Destination unreachable: No route", IputilsFormat.icmpText(true, 1, 0, 0));
        assertEquals("Destination unreachable: Administratively prohibited", IputilsFormat.icmpText(true, 1, 1, 0));
        assertEquals("Destination unreachable: Beyond scope of source address", IputilsFormat.icmpText(true, 1, 2, 0));
        assertEquals("Destination unreachable: Address unreachable", IputilsFormat.icmpText(true, 1, 3, 0));
        assertEquals("Destination unreachable: Port unreachable", IputilsFormat.icmpText(true, 1, 4, 0));
        assertEquals("Destination unreachable: Unknown code 6", IputilsFormat.icmpText(true, 1, 6, 0));
        assertEquals("Packet too big: mtu=1280", IputilsFormat.icmpText(true, 2, 0, 1280));
        assertEquals("Time exceeded: Defragmentation failure", IputilsFormat.icmpText(true, 3, 1, 0));
        assertEquals("Parameter problem: Unknown header at 40", IputilsFormat.icmpText(true, 4, 1, 40));
    }

    @Test
    void localErrorsDifferBetweenFamiliesAsInIputils() {
        assertEquals("ping: local error: message too long, mtu=65535", IputilsFormat.localErrorMessageTooLong(false, 65535));
        assertEquals("ping: local error: message too long, mtu: 65536", IputilsFormat.localErrorMessageTooLong(true, 65536));
        assertEquals("local error: message too long, mtu=1500", IputilsFormat.sendFailure(false, "Message too long", 1500));
        assertEquals("local error: message too long, mtu: 1500", IputilsFormat.sendFailure(true, "Message too long", 1500));
    }

    /** A send refused without a local report: iputils' {@code perror("ping: sendmsg")}. */
    @Test
    void aSendFailureWithoutAReportIsSendmsgAndTheErrnoText() {
        assertEquals("ping: sendmsg: Network is unreachable",
                IputilsFormat.sendError(IputilsFormat.sendFailure(false, "Network is unreachable", 0)));
    }

    @Test
    void noAnswerYetLine() {
        assertEquals("no answer yet for icmp_seq=3", IputilsFormat.noAnswerYet(3));
    }

    @Test
    void summaryLinesMatchIputils() {
        assertEquals("--- 127.0.0.1 ping statistics ---", IputilsFormat.statisticsTitle("127.0.0.1"));
        assertEquals("2 packets transmitted, 2 received, 0% packet loss, time 1020ms",
                IputilsFormat.counts(2, 2, 0, 0, 0, 1020));
        assertEquals("1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms",
                IputilsFormat.counts(1, 0, 0, 0, 1, 0));
        assertEquals("3 packets transmitted, 3 received, +2 duplicates, 0% packet loss, time 2003ms",
                IputilsFormat.counts(3, 3, 2, 0, 0, 2003));
        assertEquals("0 packets transmitted, 0 received", IputilsFormat.counts(0, 0, 0, 0, 0, 0));
        assertEquals("rtt min/avg/max/mdev = 0.040/0.071/0.103/0.031 ms",
                IputilsFormat.rttLine(true, 40, 71, 103, 31, 1, false, 0, 0));
        assertEquals("rtt min/avg/max/mdev = 0.005/0.007/0.011/0.003 ms, pipe 3",
                IputilsFormat.rttLine(true, 5, 7, 11, 3, 3, false, 0, 0));
        assertEquals("rtt min/avg/max/mdev = 0.004/0.005/0.009/0.002 ms, ipg/ewma 0.014/0.007 ms",
                IputilsFormat.rttLine(true, 4, 5, 9, 2, 1, true, 14, 7));
        assertEquals("", IputilsFormat.rttLine(false, 0, 0, 0, 0, 1, false, 0, 0));
    }

    @Test
    void lossIsPrintedLikeCPercentG() {
        assertEquals("0", IputilsFormat.lossPercent(3, 3));
        assertEquals("100", IputilsFormat.lossPercent(1, 0));
        assertEquals("20", IputilsFormat.lossPercent(10, 8));
        assertEquals("33.3333", IputilsFormat.lossPercent(3, 2));
        assertEquals("66.6667", IputilsFormat.lossPercent(3, 1));
        assertEquals("0.001", IputilsFormat.lossPercent(100000, 99999));
    }

    @Test
    void statusLineMatchesIputilsSigquitOutput() {
        assertEquals("3/3 packets, 0% loss, min/avg/ewma/max = 0.018/0.032/0.023/0.039 ms",
                IputilsFormat.status(3, 3, true, 18, 32, 23, 39));
        assertEquals("0/2 packets, 100% loss", IputilsFormat.status(0, 2, true, 0, 0, 0, 0));
    }

    @Test
    void patternLine() {
        assertEquals("PATTERN: 0xab0c", IputilsFormat.pattern(PingOptions.pattern("abc")));
        assertEquals("PATTERN: 0xff", IputilsFormat.pattern(PingOptions.pattern("ff")));
    }
}
