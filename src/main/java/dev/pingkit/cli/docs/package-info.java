/** Generators of the launchers' shell completion and man pages from their Commons CLI option tables. */
package dev.pingkit.cli.docs;
