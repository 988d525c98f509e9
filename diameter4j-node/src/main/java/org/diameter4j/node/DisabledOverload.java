package org.diameter4j.node;

import java.time.Duration;
import java.util.List;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.OverloadReport;

/**
 * What {@link DiameterNode#overload()} is when DOIC is disabled: no reports, and how to enable it.
 */
final class DisabledOverload implements OverloadControl {
    static final DisabledOverload INSTANCE = new DisabledOverload();

    private DisabledOverload() {}

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public List<OverloadReport> activeReports() {
        return List.of();
    }

    @Override
    public long throttledRequests() {
        return 0;
    }

    @Override
    public long reroutedRequests() {
        return 0;
    }

    @Override
    public void report(OverloadReport.Type type, int reduction, Duration validity) {
        throw new IllegalStateException(
                "overload control (DOIC) is not enabled on this node: set"
                        + " node.overload.enabled: true, or"
                        + " NodeConfig.Builder.overload(OverloadConfig.ENABLED)");
    }

    @Override
    public void endReport() {}

    @Override
    public OverloadReport ownReport() {
        return null;
    }
}
