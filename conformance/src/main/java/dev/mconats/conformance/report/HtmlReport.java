package dev.mconats.conformance.report;

import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.Status;
import dev.mconats.conformance.SuiteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (inline CSS, no scripts, nothing fetched from anywhere) that reads on a
 * phone. An overview table links to one section per check: requirement, source, and per node the verdict with its
 * evidence folded under it; everything that is not a PASS is unfolded.
 */
public final class HtmlReport {
    private static final String CSS = """
            :root{--fg:#1b1f24;--bg:#fff;--muted:#5b636e;--line:#d8dde3;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--skip:#6e7781;--code:#f4f6f8}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9aa4ae;--line:#30363d;--code:#161b22;--pass:#3fb950;--fail:#f85149;--warn:#d29922;--skip:#8b949e}}
            *{box-sizing:border-box}body{margin:0 auto;max-width:64rem;padding:1rem;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
            h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.05rem;margin:0 0 .3rem;word-break:break-word}
            .muted,.src{color:var(--muted)}.src{font-size:.85rem}.req{margin:.2rem 0}
            .b{display:inline-block;min-width:3.2rem;text-align:center;border-radius:.3rem;padding:0 .35rem;font-weight:600;font-size:.8rem;color:#fff}
            .PASS{background:var(--pass)}.FAIL{background:var(--fail)}.WARN{background:var(--warn)}.SKIP{background:var(--skip)}
            table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem}td,th{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
            th{font-size:.8rem;color:var(--muted);font-weight:600}td a{color:inherit;word-break:break-word}
            section{border-top:1px solid var(--line);padding:.8rem 0}
            details{margin:.25rem 0}summary{cursor:pointer;word-break:break-word}summary .n{font-weight:600}
            pre{background:var(--code);padding:.5rem;overflow-x:auto;font-size:.78rem;line-height:1.35;margin:.3rem 0 .6rem;white-space:pre-wrap;word-break:break-all}
            ul.servers{padding-left:1.1rem;font-size:.85rem;word-break:break-word}
            """;

    private HtmlReport() {
    }

    public static void write(SuiteResult r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    public static String render(SuiteResult r) {
        StringBuilder b = new StringBuilder(16_384);
        Status overall = !r.passed() ? Status.FAIL : r.counts().get(Status.SKIP) + r.counts().get(Status.WARN) > 0 ? Status.WARN : Status.PASS;
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Conformance: ").append(esc(r.target())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>Conformance of ").append(esc(r.target())).append("</h1>\n");
        b.append("<p>").append(badge(overall, r.headline())).append(' ').append(esc(ConsoleTable.summary(r)))
                .append("<br><span class=\"muted\">started ").append(esc(r.started().toString()))
                .append(r.targetFile().isEmpty() ? "" : " &middot; target file " + esc(r.targetFile())).append("</span></p>\n");
        b.append("<p class=\"muted\">").append(esc(r.discovery())).append("</p>\n<ul class=\"servers\">");
        r.servers().forEach(s -> b.append("<li>").append(esc(s)).append("</li>"));
        b.append("</ul>\n");

        b.append("<table><tr><th>status</th><th>check</th><th>results</th></tr>\n");
        for (SuiteResult.CheckRun c : r.checks()) {
            b.append("<tr><td>").append(badge(c.status(), c.status().name())).append("</td><td><a href=\"#").append(anchor(c.id())).append("\">")
                    .append(esc(c.id())).append("</a></td><td>").append(esc(tally(c))).append("</td></tr>\n");
        }
        b.append("</table>\n");

        for (SuiteResult.CheckRun c : r.checks()) {
            b.append("<section id=\"").append(anchor(c.id())).append("\"><h2>").append(badge(c.status(), c.status().name())).append(' ')
                    .append(esc(c.id())).append("</h2>\n<p class=\"req\">").append(esc(c.requirement())).append("</p>\n<p class=\"src\">Source: ")
                    .append(esc(c.source())).append(String.format(Locale.ROOT, " &middot; %.2f s", c.duration().toNanos() / 1e9)).append("</p>\n");
            for (CheckResult res : c.results()) {
                b.append("<details").append(res.status() == Status.PASS ? "" : " open").append("><summary>")
                        .append(badge(res.status(), res.status().name())).append(" <span class=\"n\">").append(esc(res.nodeLabel()))
                        .append("</span> ").append(esc(res.message()))
                        .append(String.format(Locale.ROOT, " <span class=\"muted\">(%.1f ms)</span>", res.duration().toNanos() / 1e6))
                        .append("</summary>");
                if (!res.evidence().isEmpty()) {
                    b.append("<pre>").append(esc(String.join("\n", res.evidence()))).append("</pre>");
                }
                b.append("</details>\n");
            }
            b.append("</section>\n");
        }
        b.append("<p class=\"muted\">mco-nats-suite conformance report</p>\n</body></html>\n");
        return b.toString();
    }

    private static String tally(SuiteResult.CheckRun c) {
        return c.results().stream().collect(Collectors.groupingBy(CheckResult::status, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().sorted((x, y) -> y.getKey().compareTo(x.getKey()))
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String badge(Status s, String text) {
        return "<span class=\"b " + s.name() + "\">" + esc(text) + "</span>";
    }

    private static String anchor(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
