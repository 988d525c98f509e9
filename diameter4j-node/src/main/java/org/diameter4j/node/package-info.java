/**
 * The library API (MISSION M-14): a {@link org.diameter4j.node.DiameterNode} configured in code
 * ({@link org.diameter4j.node.NodeConfig}) or from YAML ({@link
 * org.diameter4j.node.NodeConfigLoader}), that listens, connects to its peers, sends requests
 * ({@code send} returns a future answer that always completes), serves requests with handlers
 * registered per (Application-Id, command code), and closes with DPR/DPA.
 */
package org.diameter4j.node;
