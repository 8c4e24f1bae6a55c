// Reference solution of exercise 10. Open after the exercise (/open exercises/solutions/10-datagram-socket.jsh), then check10().
byte[] echoReply(TeachingSocket socket, byte[] request, String host) throws IOException {
    socket.send(request, host);
    // On a datagram socket the kernel replaced our identifier with its own: the reply carries that one.
    int id = socket.localId() >= 0 ? socket.localId() : (request[4] & 0xff) << 8 | (request[5] & 0xff);
    long deadline = System.nanoTime() + 2_000_000_000L;
    for (TeachingSocket.Received r; (r = socket.receive(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null; ) {
        byte[] b = r.bytes();
        byte[] icmp = socket.receivesIpHeader() ? Arrays.copyOfRange(b, (b[0] & 0x0f) * 4, b.length) : b;
        if (icmp.length >= 8 && icmp[0] == 0 && ((icmp[4] & 0xff) << 8 | (icmp[5] & 0xff)) == id
                && Arrays.equals(icmp, 6, 8, request, 6, 8)) return icmp;
    }
    return null;
}
