package dev.lockstep.io.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The peer process of the NIO behaviour suite's kill rows ({@link PeerProcesses}): a JVM of its
 * own, started with a host and a port, that connects there and then only reports, one line each
 * on stdout:
 * <ul>
 *   <li>{@code connected <local address>} once connected;
 *   <li>{@code unread <n>} once bytes have arrived, none of them read: it waits in a selector
 *       and asks the kernel how many bytes are queued ({@code FIONREAD}), so they stay in its
 *       receive buffer; or {@code readable, nothing unread} when the connection ended instead.
 * </ul>
 * It never reads or writes the connection; it is meant to be killed ({@code SIGKILL}). It also
 * exits when its stdin ends, so it cannot outlive the JVM that started it.
 */
public final class KillablePeer {
    private KillablePeer() {}

    /** {@code args}: the host and the port to connect to. */
    public static void main(String[] args) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getByName(args[0]),
                Integer.parseInt(args[1])));
        System.out.println("connected " + ch.getLocalAddress());
        Thread watcher = new Thread(() -> reportUnread(ch), "unread-watcher");
        watcher.setDaemon(true);
        watcher.start();
        while (System.in.read() >= 0) {
            // Nothing to do until the parent goes away (or kills this process first).
        }
    }

    private static void reportUnread(SocketChannel ch) {
        try (Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            while (selector.select() == 0) {
                // Woken without a ready key: wait again.
            }
            int unread = ch.socket().getInputStream().available();
            System.out.println(unread > 0 ? "unread " + unread : "readable, nothing unread");
        } catch (IOException e) {
            System.out.println("failed " + e);
        }
    }
}
