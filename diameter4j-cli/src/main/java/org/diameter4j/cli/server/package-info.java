/**
 * {@code d4j server} and {@code d4j demo}: a Diameter server whose applications are the simulators
 * (OCS for Gy, CDF for Rf, HSS for S6a) and the terminator for everything else (seed 002), set up
 * from defaults or a configuration file.
 */
package org.diameter4j.cli.server;
