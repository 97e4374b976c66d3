/**
 * The {@code xsmtp} command line: a sendmail-compatible submission client on the engine
 * ({@link org.xsmtp.cli.Main}). Internal, not exported by the module; its behaviour, options and exit
 * statuses are documented in the README.
 */
package org.xsmtp.cli;
