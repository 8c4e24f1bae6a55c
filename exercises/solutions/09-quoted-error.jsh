// Reference solution of exercise 9. Open after the exercise (/open exercises/solutions/09-quoted-error.jsh), then check9().
boolean isErrorAbout(byte[] packet, byte[] probe) {
    int outer = (packet[0] & 0x0f) * 4;                 // the error's own IP header
    if (packet[9] != 1 || packet.length < outer + 8) return false;
    int type = packet[outer] & 0xff;
    if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12) return false;
    int quoted = outer + 8;                             // the quoted IP header starts after the error's 8 bytes
    if (packet.length < quoted + 20 || packet[quoted + 9] != 1) return false;   // the quoted datagram must be ICMP
    int icmp = quoted + (packet[quoted] & 0x0f) * 4;    // and has a length of its own
    return packet.length >= icmp + 8 && Arrays.equals(packet, icmp + 4, icmp + 8, probe, 4, 8);
}
