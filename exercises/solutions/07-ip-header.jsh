// Reference solution of exercise 7. Open after the exercise (/open exercises/solutions/07-ip-header.jsh), then check7().
int ipVersion(byte[] packet) { return (packet[0] & 0xff) >>> 4; }
int ipHeaderLength(byte[] packet) { return (packet[0] & 0x0f) * 4; }        // IHL counts 32-bit words
int ipTotalLength(byte[] packet) { return (packet[2] & 0xff) << 8 | (packet[3] & 0xff); }
int ipTtl(byte[] packet) { return packet[8] & 0xff; }
int ipProtocol(byte[] packet) { return packet[9] & 0xff; }
String ipSource(byte[] packet) {
    return (packet[12] & 0xff) + "." + (packet[13] & 0xff) + "." + (packet[14] & 0xff) + "." + (packet[15] & 0xff);
}
byte[] icmpMessage(byte[] packet) { return Arrays.copyOfRange(packet, ipHeaderLength(packet), ipTotalLength(packet)); }

byte[] echo(TeachingSocket socket, byte[] request, String host) throws IOException {
    socket.send(request, host);
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < deadline) {
        var r = socket.receive(Duration.ofNanos(deadline - System.nanoTime()));
        if (r == null) break;
        byte[] p = r.bytes(), icmp = icmpMessage(p);
        // an echo reply (type 0) whose identifier and sequence number (bytes 4..7) are the request's
        if (ipProtocol(p) == 1 && icmp.length >= 8 && icmp[0] == 0 && Arrays.equals(icmp, 4, 8, request, 4, 8)) return p;
    }
    return null;
}
