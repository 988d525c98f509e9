package org.diameter4j.cli;

import java.util.concurrent.CountDownLatch;
import org.diameter4j.node.DiameterNode;

/**
 * A long-running command ({@code d4j server}, {@code d4j node}) that is ready: listening, and
 * printing what it handles. Given to the {@code onStarted} callback of {@link Main#run(String[],
 * java.io.PrintWriter, java.io.PrintWriter, java.util.function.Consumer)}, so that a test (or an
 * embedding program) runs several at once and stops each as SIGTERM would: {@code
 * stop.countDown()}.
 *
 * @param adminUrl the admin endpoint's URL ({@code d4j node}), or null
 */
record Started(DiameterNode node, String adminUrl, CountDownLatch stop) {}
