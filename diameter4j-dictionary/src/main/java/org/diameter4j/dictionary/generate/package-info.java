/**
 * Build-time code generation from dictionaries: {@link
 * org.diameter4j.dictionary.generate.TypedAvpGenerator} writes the typed AVP keys ({@code Avps})
 * and one enum per Enumerated AVP, for the standard dictionaries (module {@code diameter4j-avps})
 * or for your own {@code .dict} files.
 */
package org.diameter4j.dictionary.generate;
