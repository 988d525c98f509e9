/**
 * {@link org.diameter4j.testkit.mock.MockDiameterServer}: a Diameter server for your tests, on
 * plain sockets and the codec — queued answers ({@link org.diameter4j.testkit.mock.MockAnswers}),
 * recorded requests, and {@link org.diameter4j.testkit.mock.SocketPolicy misbehaviours} real peers
 * show.
 */
package org.diameter4j.testkit.mock;
