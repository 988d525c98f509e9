/**
 * The one YAML (and JSON) reader of diameter4j's configuration files — node YAML, the OCS, CDF and
 * HSS simulators, {@code d4j server --config}, {@code d4j node}'s extra sections, {@code d4j
 * client} templates: {@link org.diameter4j.node.yaml.YamlReader} keeps SnakeYAML's node marks so
 * that every fault reads {@code FILE:LINE:COL: PATH: what is wrong — how to fix}.
 */
package org.diameter4j.node.yaml;
