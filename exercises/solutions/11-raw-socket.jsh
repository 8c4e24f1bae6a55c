// Reference solution of exercise 11. Open after the exercise (/open exercises/solutions/11-raw-socket.jsh), then check11().
TeachingSocket openRawIcmpSocket() throws IOException { return TeachingSocket.open("AF_INET", "SOCK_RAW", "IPPROTO_ICMP"); }

int checksum(byte[] data) {
    long sum = 0;
    for (int i = 0; i < data.length; i += 2) sum += (data[i] & 0xff) << 8 | (i + 1 < data.length ? data[i + 1] & 0xff : 0);
    while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
    return (int) ~sum & 0xffff;
}

// The four bytes of a dotted IPv4 address, most significant first, at b[at..at+3].
void putAddress(byte[] b, int at, String dotted) {
    String[] parts = dotted.split("\\.");
    for (int i = 0; i < 4; i++) b[at + i] = (byte) Integer.parseInt(parts[i]);
}

byte[] ipv4Header(String source, String destination, int ttl, int icmpLength) {
    byte[] h = new byte[20];
    h[0] = 0x45;                                   // version 4, IHL 5 words
    int total = 20 + icmpLength;
    h[2] = (byte) (total >>> 8); h[3] = (byte) total;
    h[8] = (byte) ttl;
    h[9] = 1;                                      // ICMP
    putAddress(h, 12, source);
    putAddress(h, 16, destination);
    int sum = checksum(h);                         // over the header, its checksum field still 0
    h[10] = (byte) (sum >>> 8); h[11] = (byte) sum;
    return h;
}
