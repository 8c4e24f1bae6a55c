// Reference solution of exercise 3. Open after the exercise (/open exercises/solutions/03-checksum.jsh), then check3().
int checksum(byte[] data) {
    long sum = 0;
    for (int i = 0; i < data.length; i += 2) {
        int hi = data[i] & 0xff;
        int lo = i + 1 < data.length ? data[i + 1] & 0xff : 0;   // odd length: pad with a zero byte after the last
        sum += hi << 8 | lo;
    }
    while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);   // fold the carries back in
    return (int) ~sum & 0xffff;
}
