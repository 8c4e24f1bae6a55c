// Reference solution of exercise 2. Open after the exercise (/open exercises/solutions/02-byte-order.jsh), then check2().
byte[] toNetworkOrder(int value) { return new byte[] {(byte) (value >>> 8), (byte) value}; }
int fromNetworkOrder(byte[] bytes, int offset) { return (bytes[offset] & 0xff) << 8 | (bytes[offset + 1] & 0xff); }
