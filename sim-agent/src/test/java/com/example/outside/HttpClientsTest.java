package com.example.outside;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.async.Async;
import dev.lockstep.runtime.EscapeException;
import dev.lockstep.runtime.Simulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * HTTP clients do real network I/O on threads of their own: nothing in them has a virtual
 * equivalent, so the first real connection is reported, naming the library's line. (A client
 * built outside a run, to a fake server, is the user's choice; virtual-io is the simulated way.)
 */
class HttpClientsTest extends AgentTestCase {
    /** Port 9 (discard) on loopback: never contacted, the escape is reported before the connect. */
    static final String URL = "http://127.0.0.1:9/quote";

    @Test
    void okHttpIsReportedWhereItConnectsItsSocket() {
        Simulation sim = Simulation.builder().seed(1).build();
        OkHttpClient client = new OkHttpClient();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a ->
                client.newCall(new Request.Builder().url(URL).build()).execute().code())));
        assertTrue(e.site().startsWith("okhttp3."), e.site());
        assertNamesCaller(e, e.site().substring(0, e.site().lastIndexOf('.', e.site().indexOf('('))), "Socket.connect");
    }

    @Test
    void theJdkClientIsReportedWhereItIsBuilt() {
        Simulation sim = Simulation.builder().seed(1).build();
        EscapeException e = assertThrows(EscapeException.class, () -> sim.blockOn(Async.async(a ->
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(URL)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode())));
        assertNamesCaller(e, HttpClientsTest.class.getName(), "HttpClient.newHttpClient()");
    }
}
