/**
 * <b>Native ICMP sockets for Linux through JNA: the only package that touches native code.</b>
 * {@link dev.pingkit.socket.IcmpSockets#open} gives an {@link dev.pingkit.socket.IcmpSocket} (raw or datagram
 * "ping socket", IPv4 or IPv6, optionally in a network namespace) that sends ICMP message bytes and receives
 * into a reusable {@link dev.pingkit.socket.Inbound} with the kernel's receive timestamp and TTL. It knows the
 * ICMP protocol numbers and nothing else of ICMP: building and decoding messages is {@code dev.pingkit.packet}'s
 * job, and the kernel filters ({@link dev.pingkit.socket.IcmpSocket#attachFilter} takes any classic
 * {@link dev.pingkit.socket.Bpf} program, {@link dev.pingkit.socket.IcmpSocket#passIcmpv6Types} any type mask)
 * are written by the engine.
 */
package dev.pingkit.socket;
