package dev.pingkit.jshell;

import java.util.Locale;

/**
 * <b>{@code print}, {@code println} and {@code printf} for JShell, imported statically by {@code jshell-startup.jsh}.</b>
 * The same signatures as JShell's own {@code PRINTING} start-up, which defines them as 22 snippets that JShell
 * compiles one by one at every start (about six seconds here); one static import costs nothing.
 */
public final class Printing {
    private Printing() {
    }

    public static void print(boolean b) { System.out.print(b); }
    public static void print(char c) { System.out.print(c); }
    public static void print(int i) { System.out.print(i); }
    public static void print(long l) { System.out.print(l); }
    public static void print(float f) { System.out.print(f); }
    public static void print(double d) { System.out.print(d); }
    public static void print(char[] s) { System.out.print(s); }
    public static void print(String s) { System.out.print(s); }
    public static void print(Object obj) { System.out.print(obj); }

    public static void println() { System.out.println(); }
    public static void println(boolean x) { System.out.println(x); }
    public static void println(char x) { System.out.println(x); }
    public static void println(int x) { System.out.println(x); }
    public static void println(long x) { System.out.println(x); }
    public static void println(float x) { System.out.println(x); }
    public static void println(double x) { System.out.println(x); }
    public static void println(char[] x) { System.out.println(x); }
    public static void println(String x) { System.out.println(x); }
    public static void println(Object x) { System.out.println(x); }

    public static void printf(Locale l, String format, Object... args) { System.out.printf(l, format, args); }
    public static void printf(String format, Object... args) { System.out.printf(format, args); }
}
