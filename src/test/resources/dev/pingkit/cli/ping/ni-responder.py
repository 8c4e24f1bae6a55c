# A tiny RFC 4620 responder for the lab tests (Linux answers no node information query): on a raw ICMPv6 socket
# in a lab namespace it answers each query (139) with a reply (140) carrying the query's Qtype and Nonce and, for
# Node Name, TTL 0 and the names given on the command line; for Node Addresses, the address the query came to.
# The kernel fills in the ICMPv6 checksum. Exits after the count of queries it was told to answer.
import socket, struct, sys

names, count = sys.argv[1].split(","), int(sys.argv[2])

def wire(name):
    out = b""
    fqdn = name.endswith(".")
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + (b"\0" if fqdn else b"\0\0")

s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
print("listening", flush=True)
while count > 0:
    data, anc, _, src = s.recvmsg(2048, 1024)
    if len(data) < 16 or data[0] != 139:
        continue
    to = next((socket.inet_ntop(socket.AF_INET6, d[:16]) for l, t, d in anc
               if l == socket.IPPROTO_IPV6 and t == socket.IPV6_PKTINFO), None)
    qtype = struct.unpack("!H", data[4:6])[0]
    body = b""
    if qtype == 2:
        body = struct.pack("!I", 0) + b"".join(wire(n) for n in names)
    elif qtype == 3 and to:
        body = struct.pack("!I", 30) + socket.inet_pton(socket.AF_INET6, to)
    reply = struct.pack("!BBHHH", 140, 0 if qtype in (2, 3) else 2, 0, qtype, 0) + data[8:16] + body
    s.sendto(reply, (src[0], 0))
    count -= 1
