package org.diameter4j.transport;

import io.netty.util.NetUtil;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Checks that a local address to bind to belongs to this machine, before any socket is made. */
final class LocalAddresses {
    private LocalAddresses() {}

    /** Null when {@code local} can be bound to; otherwise the exception to fail with. */
    static BindException check(InetSocketAddress local) {
        if (local.isUnresolved()) {
            return new BindException("local address " + local.getHostString() + " is not resolved");
        }
        InetAddress a = local.getAddress();
        if (a.isAnyLocalAddress()) {
            return null;
        }
        if (a instanceof Inet4Address && a.isLoopbackAddress()) {
            return null; // the whole of 127.0.0.0/8 is local, though only 127.0.0.1 is listed
        }
        try {
            if (NetworkInterface.getByInetAddress(a) != null) {
                return null;
            }
        } catch (SocketException e) {
            BindException b =
                    new BindException(
                            "local address "
                                    + NetUtil.toAddressString(a)
                                    + " cannot be checked: "
                                    + e.getMessage());
            b.initCause(e);
            return b;
        }
        return new BindException(
                "local address "
                        + NetUtil.toAddressString(a)
                        + " does not exist on this machine (no network interface has it)");
    }
}
