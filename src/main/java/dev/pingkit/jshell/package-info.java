/**
 * <b>What {@code jshell-startup.jsh} imports statically:</b> JShell's printing helpers and the lab's host names,
 * as compiled classes so that a JShell session starts about as fast as a bare one.
 */
package dev.pingkit.jshell;
