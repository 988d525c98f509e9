/**
 * The admin endpoint of {@code d4j node} (HTTP+JSON on loopback) and the client side of {@code d4j
 * show}: seed 003's peers, peer, statistics and routing-table views, rendered from the JSON.
 */
package org.diameter4j.cli.admin;
