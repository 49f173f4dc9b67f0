package dev.lockstep.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTML document of a timeline: a header rendered here, the {@link TimelineModel} as JSON, and
 * the page's style and script (the resources {@code timeline.css} and {@code timeline.js} next to
 * this class) inlined.
 *
 * <h2>Escaping</h2>
 * Header text goes through {@link #escape}; the model goes through {@link TimelineJson}, which
 * never emits {@code <}. The script inserts data with {@code textContent} and
 * {@code setAttribute} only.
 *
 * <h2>Content Security Policy</h2>
 * {@code default-src 'none'}, with the inline script and style allowed by their SHA-256 hashes:
 * the page can fetch nothing, and no other script (an injected {@code onerror} attribute) runs.
 */
final class TimelinePage {
    /** Stack trace lines kept in the header. */
    private static final int STACK_LINES = 80;

    private final String title;
    private final String replay;
    private final String hashHex;
    private final long total;
    private final int retained;
    private final TimelineModel model;
    private final Throwable failure;

    TimelinePage(String title, String replay, String hashHex, long total, int retained, TimelineModel model,
            Throwable failure) {
        this.title = title;
        this.replay = replay;
        this.hashHex = hashHex;
        this.total = total;
        this.retained = retained;
        this.model = model;
        this.failure = failure;
    }

    /** The whole document. */
    String html() {
        String css = resource("timeline.css");
        String js = resource("timeline.js");
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src '")
                .append(sha256(js)).append("'; style-src '").append(sha256(css))
                .append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append(" \u2014 Lockstep timeline</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n<dl class=\"facts\">\n")
                .append("<dt>replay</dt><dd><code id=\"replay\">")
                .append(replay.isEmpty() ? "(none)" : escape(replay)).append("</code></dd>\n")
                .append("<dt>trace hash</dt><dd><code id=\"hash\">").append(escape(hashHex)).append("</code></dd>\n")
                .append("<dt>events</dt><dd id=\"counts\">").append(counts()).append("</dd>\n");
        if (!model.decisions().isEmpty()) {
            h.append("<dt>decisions</dt><dd id=\"decisions\">").append(escape(decisions()))
                    .append("</dd>\n");
        }
        h.append("</dl>\n");
        String note = note();
        if (!note.isEmpty()) {
            h.append("<p class=\"note\" id=\"note\">").append(escape(note)).append("</p>\n");
        }
        if (failure != null) {
            h.append("<section class=\"failure\" id=\"failure\">\n<h2>Failure</h2>\n<pre id=\"failure-text\">")
                    .append(escape(model.failure().text())).append("</pre>\n<details><summary>stack trace</summary>")
                    .append("<pre>").append(escape(stack(failure))).append("</pre></details>\n</section>\n");
        }
        h.append("</header>\n<noscript><p class=\"note\">The timeline is drawn by this page's script; ")
                .append("enable scripts for this file to see it.</p></noscript>\n")
                .append("<main id=\"timeline\"></main>\n")
                .append("<pre id=\"lockstep-errors\" hidden></pre>\n")
                .append("<script type=\"application/json\" id=\"lockstep-data\">").append(model.toJson())
                .append("</script>\n<script>").append(js).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The non-zero choices, as the axis flags them: {@code #1 = 1, #2 schedule 2/3 (flagged on the axis)}. */
    private String decisions() {
        StringBuilder sb = new StringBuilder();
        for (TimelineModel.Decision d : model.decisions()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d.label());
        }
        return sb.append(" (the non-zero choices of this run, flagged on the axis; 0 is the plain outcome)")
                .toString();
    }

    private String counts() {
        return String.format(Locale.ROOT, "%,d shown of %,d", shownTraceEvents(), total);
    }

    /** The trace events shown: the shown events less the wakes unfolded from polls. */
    private long shownTraceEvents() {
        return model.events().stream().filter(e -> !e.carried()).count();
    }

    /** Why events are missing, or {@code ""}. */
    private String note() {
        StringBuilder n = new StringBuilder();
        if (total > retained) {
            n.append(String.format(Locale.ROOT, "The trace kept only its last %,d of %,d events; build the "
                    + "simulation with traceCapacity(Integer.MAX_VALUE) to keep them all. ", retained, total));
        }
        if (shownTraceEvents() < retained) {
            n.append(String.format(Locale.ROOT, "Showing the last %,d of %,d events; raise "
                    + "Timeline.maxEvents to draw more.", shownTraceEvents(), retained));
        }
        return n.toString().trim();
    }

    /** The failure's description with its causes, one per line. */
    static String failureText(Throwable failure) {
        StringBuilder sb = new StringBuilder(String.valueOf(failure));
        Throwable seen = failure;
        for (Throwable c = failure.getCause(); c != null && c != seen; seen = c, c = c.getCause()) {
            sb.append("\nCaused by: ").append(c);
        }
        return sb.toString();
    }

    private static String stack(Throwable failure) {
        StringWriter w = new StringWriter();
        failure.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\\R");
        if (lines.length <= STACK_LINES) {
            return w.toString();
        }
        return String.join("\n", java.util.Arrays.copyOf(lines, STACK_LINES))
                + "\n\u2026 " + (lines.length - STACK_LINES) + " more lines";
    }

    /**
     * {@code s} with {@code & < > " '} replaced by character references, and a lone surrogate
     * (which UTF-8 cannot encode) by U+FFFD.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(loneSurrogate(s, i) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** Whether {@code s.charAt(i)} is half of a surrogate pair whose other half is missing. */
    static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** The CSP source expression for {@code text}: {@code sha256-<base64 of its UTF-8 digest>}. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TimelinePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing next to "
                        + TimelinePage.class.getName() + "; the property-tests jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + name, e);
        }
    }
}
