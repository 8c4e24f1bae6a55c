/**
 * <b>pingkit: build, send and inspect ICMP echo packets.</b>
 * The facade a JShell user types; wire formats live in {@code packet}, native sockets in {@code socket},
 * the ping engine in {@code ping}.
 */
package dev.pingkit;
