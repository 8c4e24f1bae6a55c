"""Scapy's side of ScapyAgreementTest: reads "case hex" lines (pingkit's bytes) on stdin and prints, per case,
"case built=<scapy's bytes> parsed=<scapy's reading of pingkit's bytes>". Cases are named by the test."""
import sys
import logging
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import IP, ICMP, IPv6, ICMPv6Unknown, Raw, raw  # noqa: E402
from scapy.layers.inet import (IPOption_NOP, IPOption_EOL, IPOption_RR, IPOption_Timestamp,  # noqa: E402
                               IPOption_Router_Alert, IPOption_LSRR)
from scapy.contrib.icmp_extensions import ICMPExtensionHeader, ICMPExtensionObject  # noqa: E402
from scapy.utils import checksum  # noqa: E402

SRC6, DST6 = "2001:db8:0:1::1", "2001:db8:0:1::2"
V4A, V4B = "198.51.100.1", "198.51.100.2"


def extension(obj_ctype, payload):
    """The extension structure with its checksum over all of it, as RFC 4884 section 7 and Wireshark have it:
    Scapy 2.5's ICMPExtensionHeader sums its own 4 bytes only, which Wireshark calls a bad checksum."""
    objects = raw(ICMPExtensionObject(classnum=3, classtype=obj_ctype) / Raw(payload))
    whole = raw(ICMPExtensionHeader(chksum=0)) + objects
    return raw(ICMPExtensionHeader(chksum=checksum(whole))) + objects


def probe(word, obj_ctype, payload):
    return raw(ICMP(type=42, unused=word) / Raw(extension(obj_ctype, payload)))


def v6(type_, body):
    return raw(IPv6(src=SRC6, dst=DST6) / ICMPv6Unknown(type=type_, msgbody=body))[40:]


def options(opts):
    p = raw(IP(src=V4B, dst=V4A, options=opts) / ICMP())
    return p[20:(p[0] & 0x0f) * 4]


BUILD = {
    "echo4": lambda: raw(ICMP(type=8, id=0x1234, seq=7) / b"hello"),
    "ts13": lambda: raw(ICMP(type=13, id=0x1234, seq=1, ts_ori=45296789, ts_rx=0, ts_tx=0)),
    "ts14": lambda: raw(ICMP(type=14, id=7, seq=2, ts_ori=1000, ts_rx=1020, ts_tx=0x80000005)),
    "info15": lambda: raw(ICMP(type=15, id=3, seq=4)),
    "info16": lambda: raw(ICMP(type=16, id=3, seq=4)),
    "mask17": lambda: raw(ICMP(type=17, id=9, seq=2, addr_mask="0.0.0.0")),
    "mask18": lambda: raw(ICMP(type=18, id=9, seq=2, addr_mask="255.255.252.0")),
    "probe4name": lambda: probe(0x01020301, 1, b"eth0.1\0\0"),
    "probe4index": lambda: probe(0x00070501, 2, (11).to_bytes(4, "big")),
    "probe4addr": lambda: probe(0x00070601, 3, bytes([0, 1, 4, 0, 198, 51, 100, 2])),
    "probe4reply": lambda: raw(ICMP(type=43, code=2, unused=0x00070900)),
    "probe6name": lambda: v6(160, bytes([0, 9, 3, 1]) + extension(1, b"lo\0\0")),
    "probe6reply": lambda: v6(161, bytes([0, 9, 3, 0x07])),
    "opt-rr9": lambda: options([IPOption_NOP(), IPOption_RR(routers=["0.0.0.0"] * 9)]),
    "opt-rr-filled": lambda: options([IPOption_RR(pointer=12, routers=[V4A, V4B, "0.0.0.0"])]),
    "opt-ts-addr": lambda: options([IPOption_Timestamp(flg=1, pointer=13, internet_address=V4B, timestamp=1000)]),
    "opt-ts-only": lambda: options([IPOption_Timestamp(flg=0, pointer=9, timestamp=1000)]),
    "opt-nop-eol": lambda: options([IPOption_NOP(), IPOption_EOL()]),
    "opt-router-alert": lambda: options([IPOption_Router_Alert()]),
    "opt-lsrr": lambda: options([IPOption_LSRR(routers=[V4B])]),
}


def parse(case, b):
    """Scapy's reading of pingkit's bytes: the fields that case is about."""
    if case.startswith("opt-"):
        hdr = bytearray(raw(IP(src=V4B, dst=V4A, proto=1, len=20 + len(b) + 8)))
        hdr[0] = 0x40 | (5 + len(b) // 4)
        pkt = IP(bytes(hdr) + b + raw(ICMP()))
        out = []
        for o in pkt.options:
            f = [o.__class__.__name__, "option=%d" % o.option]
            for name in ("length", "pointer", "oflw", "flg", "internet_address", "timestamp"):
                if name in o.fields:
                    f.append("%s=%s" % (name, o.fields[name]))
            if "routers" in o.fields:
                f.append("routers=" + "/".join(o.routers))
            out.append(" ".join(f))
            if o.option == 0:
                break  # the list ends here; Scapy lists each padding byte after it as one more EOL
        return "; ".join(out)
    if case.startswith("probe6"):
        m = ICMPv6Unknown(b)
        body = bytes(m.msgbody)
        s = "type=%d code=%d id=%d seq=%d flags=%d" % (m.type, m.code, int.from_bytes(body[0:2], "big"), body[2],
                                                       body[3])
        if len(body) > 4:
            e = ICMPExtensionHeader(body[4:])
            s += " ext.version=%d ext.chksum=%d" % (e.version, e.chksum)
        return s
    m = ICMP(b)
    s = "type=%d code=%d chksum=%d" % (m.type, m.code, m.chksum)
    if case.startswith("probe4"):
        s += " unused=%d" % m.unused
        if Raw in m:
            e = ICMPExtensionHeader(bytes(m[Raw].load))
            o = e.payload
            s += " ext.version=%d ext.chksum=%d obj.len=%d obj.class=%d obj.ctype=%d" % (
                e.version, e.chksum, o.len, o.classnum, o.classtype)
        return s
    s += " id=%d seq=%d" % (m.id, m.seq)
    if m.type in (13, 14):
        s += " ts_ori=%d ts_rx=%d ts_tx=%d" % (m.ts_ori, m.ts_rx, m.ts_tx)
    if m.type in (17, 18):
        s += " addr_mask=%s" % m.addr_mask
    if Raw in m:
        s += " load=%s" % bytes(m[Raw].load).hex()
    return s


for line in sys.stdin:
    case, hexed = line.split()
    print("%s built=%s parsed=%s" % (case, BUILD[case]().hex(), parse(case, bytes.fromhex(hexed))), flush=True)
