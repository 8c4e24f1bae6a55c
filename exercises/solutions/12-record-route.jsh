// Reference solution of exercise 12. Open after the exercise (/open exercises/solutions/12-record-route.jsh), then check12().
void putAddress(byte[] b, int at, String dotted) {
    String[] parts = dotted.split("\\.");
    for (int i = 0; i < 4; i++) b[at + i] = (byte) Integer.parseInt(parts[i]);
}

byte[] recordRouteHeader(String source, String destination, int ttl, int icmpLength) {
    byte[] h = new byte[60];
    h[0] = 0x4f;                                   // version 4, IHL 15: 20 fixed bytes and 40 of options
    int total = 60 + icmpLength;
    h[2] = (byte) (total >>> 8); h[3] = (byte) total;
    h[8] = (byte) ttl;
    h[9] = 1;
    putAddress(h, 12, source);
    putAddress(h, 16, destination);
    h[20] = 7; h[21] = 39; h[22] = 4;              // Record Route, 39 bytes, the first slot free; h[59] = 0 ends the list
    int sum = Checksum.of(h, 0, 60);
    h[10] = (byte) (sum >>> 8); h[11] = (byte) sum;
    return h;
}

List<String> recordedRoute(byte[] packet) {
    var route = new ArrayList<String>();
    int end = (packet[0] & 0x0f) * 4;
    for (int at = 20; at < end; ) {
        int type = packet[at] & 0xff;
        if (type == 0) break;                      // End of Option List
        if (type == 1) { at++; continue; }         // No Operation: one byte
        int length = packet[at + 1] & 0xff;
        if (type == 7) {
            int pointer = packet[at + 2] & 0xff;   // counted from 1: the addresses are the option's bytes 3 .. pointer - 1
            for (int i = at + 3; i + 4 <= at + pointer - 1; i += 4)
                route.add((packet[i] & 0xff) + "." + (packet[i + 1] & 0xff) + "." + (packet[i + 2] & 0xff) + "." + (packet[i + 3] & 0xff));
        }
        at += Math.max(length, 2);
    }
    return route;
}
