// Reference solution of exercise 13. Open after the exercise (/open exercises/solutions/13-timestamp.jsh), then check13().
long msSinceMidnightUtc(long epochMillis) { return Math.floorMod(epochMillis, 86_400_000L); }

void put32(byte[] b, int at, long v) { b[at] = (byte) (v >>> 24); b[at + 1] = (byte) (v >>> 16); b[at + 2] = (byte) (v >>> 8); b[at + 3] = (byte) v; }

byte[] timestampRequest(int id, int seq, long originate) {
    byte[] q = new byte[20];
    q[0] = 13;                                          // timestamp request, code 0
    q[4] = (byte) (id >>> 8); q[5] = (byte) id; q[6] = (byte) (seq >>> 8); q[7] = (byte) seq;
    put32(q, 8, originate);                             // receive and transmit stay 0
    int sum = Checksum.of(q, 0, 20);
    q[2] = (byte) (sum >>> 8); q[3] = (byte) sum;
    return q;
}

// later - earlier on a clock that wraps every day, into -12 h .. +12 h
long dayDiff(long later, long earlier) {
    long d = Math.floorMod(later - earlier, 86_400_000L);
    return d > 43_200_000L ? d - 86_400_000L : d;
}

long[] oneWayMs(long t1, long t2, long t3, long t4) { return new long[] {dayDiff(t2, t1), dayDiff(t4, t3)}; }

double clockOffsetMs(long t1, long t2, long t3, long t4) { return (dayDiff(t2, t1) + dayDiff(t3, t4)) / 2.0; }
