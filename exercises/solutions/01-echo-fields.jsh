// Reference solution of exercise 1. Open after the exercise (/open exercises/solutions/01-echo-fields.jsh), then check1().
int echoRequestType() { return 8; }
int echoReplyType() { return 0; }
int icmpHeaderLength() { return 8; }   // type, code, checksum (2), identifier (2), sequence (2)
int sequenceOffset() { return 6; }
int ipv4PacketLength(int dataBytes) { return 20 + 8 + dataBytes; }
