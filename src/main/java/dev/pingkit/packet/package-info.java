/**
 * <b>Wire formats only, no I/O: the RFC 1071 checksum, ICMPv4/ICMPv6 decoding, the IPv4 header, hexdump.</b>
 * {@link dev.pingkit.packet.IcmpTypes} is the one table of ICMP type numbers (which are errors, which carry an
 * identifier), {@link dev.pingkit.packet.IcmpNames} their names; {@link dev.pingkit.packet.IcmpReader} is the
 * allocation-free cursor for the receive path, {@link dev.pingkit.packet.EchoWire} the allocation-free writer for
 * the send path, {@link dev.pingkit.packet.IcmpMessage} the immutable decoded value for people and front ends.
 * {@link dev.pingkit.packet.EchoMessage} and {@link dev.pingkit.packet.IcmpErrorMessage} are the wire values a
 * sender builds, one builder per kind (checksum computed unless forced); {@link dev.pingkit.packet.EchoPayload}
 * holds the payload limits and ping's fill.
 */
package dev.pingkit.packet;
