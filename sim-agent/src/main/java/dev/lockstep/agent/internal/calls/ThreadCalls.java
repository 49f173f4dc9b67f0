package dev.lockstep.agent.internal.calls;

import java.util.concurrent.ForkJoinTask;

/**
 * Handlers of the calls that start a real thread: {@code Thread.start()},
 * {@code Thread.startVirtualThread}, {@code Thread.Builder.start} and {@code ForkJoinTask.fork()}
 * (which, off a pool's own thread, hands the task to the real common pool); and of the calls that
 * open a real connection ({@code Socket.connect}, {@code SocketChannel.open(address)}, building a
 * {@code java.net.http.HttpClient}, which also starts the JDK's selector thread). On a simulation's
 * thread under {@code VIRTUALIZE} or {@code REPORT} each throws the {@code EscapeException}: a
 * thread has no faithful virtual equivalent (give the code an executor instead); elsewhere, and
 * under {@code ALLOW}, it starts the thread.
 */
public final class ThreadCalls {
    private ThreadCalls() {
    }

    public static void start(Thread t, int site) {
        Sites.reported(site);
        t.start();
    }

    public static Thread startVirtualThread(Runnable task, int site) {
        Sites.reported(site);
        return Thread.startVirtualThread(task);
    }

    public static Thread builderStart(Thread.Builder b, Runnable task, int site) {
        Sites.reported(site);
        return b.start(task);
    }

    public static void connect(java.net.Socket s, java.net.SocketAddress to, int site) throws java.io.IOException {
        Sites.reported(site);
        s.connect(to);
    }

    public static void connect(java.net.Socket s, java.net.SocketAddress to, int timeout, int site)
            throws java.io.IOException {
        Sites.reported(site);
        s.connect(to, timeout);
    }

    public static java.nio.channels.SocketChannel openChannel(java.net.SocketAddress to, int site)
            throws java.io.IOException {
        Sites.reported(site);
        return java.nio.channels.SocketChannel.open(to);
    }

    public static java.net.http.HttpClient newHttpClient(int site) {
        Sites.reported(site);
        return java.net.http.HttpClient.newHttpClient();
    }

    public static java.net.http.HttpClient buildHttpClient(java.net.http.HttpClient.Builder b, int site) {
        Sites.reported(site);
        return b.build();
    }

    public static ForkJoinTask<?> fork(ForkJoinTask<?> t, int site) {
        Sites.reported(site);
        return t.fork();
    }
}
