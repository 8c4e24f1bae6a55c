// Reference solution of exercise 4. Open after the exercise (/open exercises/solutions/04-build-by-hand.jsh), then check4().
byte[] echoRequest(int id, int seq, byte[] data) {
    byte[] b = new byte[8 + data.length];
    b[0] = 8;                                   // type: echo request; b[1] code 0; b[2..3] checksum 0 for now
    b[4] = (byte) (id >>> 8);  b[5] = (byte) id;
    b[6] = (byte) (seq >>> 8); b[7] = (byte) seq;
    System.arraycopy(data, 0, b, 8, data.length);
    int sum = Checksum.of(b, 0, b.length);
    b[2] = (byte) (sum >>> 8); b[3] = (byte) sum;
    return b;
}

boolean answers(IcmpMessage reply, byte[] request) {
    var q = Icmp.decode(request);
    return reply.type() == 0 && reply.code() == 0
            && reply.id() == q.id() && reply.seq() == q.seq() && Arrays.equals(reply.payload(), q.payload());
}
