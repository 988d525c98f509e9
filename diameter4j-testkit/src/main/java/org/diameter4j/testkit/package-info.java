/**
 * A testkit users can use too: helpers for tests of Diameter nodes and applications, depending only
 * on the JDK and Bouncy Castle ({@code bcpkix-jdk18on}).
 *
 * <p>{@link org.diameter4j.testkit.TestPki} makes certificates for TLS tests (RFC 6733 §13, mutual
 * TLS at connect or in-band): a throw-away CA, a server and a client certificate signed by it, EC
 * P-256 or RSA 2048, written to PEM files in a (temporary) folder, plus a wrong CA — another CA
 * with the same names — for the negative tests. Take it as a test-scope dependency:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.diameter4j</groupId>
 *   <artifactId>diameter4j-testkit</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <pre>{@code
 * @TempDir static Path dir;
 *
 * TestPki pki = TestPki.create(dir, "ocs");
 * TlsConfig server = TlsConfig.pem(pki.server().chain(), pki.server().key(), pki.ca());
 * TlsConfig client = TlsConfig.pem(pki.client().chain(), pki.client().key(), pki.ca());
 * TlsConfig untrusting = TlsConfig.trustOnly(pki.wrongCa().ca());
 * }</pre>
 *
 * <p>For peers built on GnuTLS, such as freeDiameter, use RSA ({@code
 * TestPki.builder(name).keyType(KeyType.RSA)}) and the {@link
 * org.diameter4j.testkit.TestPki.Identity#traditionalKey() traditional} (PKCS#1) key file: GnuTLS
 * refuses the JDK's encodings of an EC private key.
 *
 * <p>Nothing here is secure: the keys are unencrypted, the certificates valid for two days. For
 * tests only.
 */
package org.diameter4j.testkit;
