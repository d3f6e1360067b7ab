package dev.mconats.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a generated index.html in headless Chromium the way a reader would, on a desktop-sized and on a phone-sized
 * screen, and reports what it found: charts the page drew (ECharts' own "finished" events, and pixels actually
 * painted on each chart's canvas, and data points per chart), console errors, horizontal overflow on the phone,
 * and screenshots.
 */
public final class ReportInBrowser {
    /** One chart as drawn. */
    public record Chart(String run, String chart, int points, int paintedPixels) {
    }

    /**
     * @param plannerAnswer what the first servers-for-a-fleet calculator says after the reader typed
     *                      {@link #PLANNER_FLEET} into it (null without a calculator)
     */
    public record Outcome(int chartsExpected, int chartsRendered, List<Chart> charts, List<String> errors,
                          int phoneScrollWidth, int phoneViewportWidth, String pageText, String plannerAnswer,
                          List<Path> screenshots) {
    }

    /** The fleet size typed into the calculator. */
    public static final int PLANNER_FLEET = 50_000;

    /** Charts a reader can see: every chart outside a run's section, and those of open runs. */
    private static final String VISIBLE_CHARTS = "Array.from(document.querySelectorAll('.chart')).filter(function (el) {"
            + " var d = el.closest('details.run'); return !d || d.open; })";

    private static final String TYPE_FLEET = """
            (function () {
              var f = document.querySelector('details.run[open] form.planner');
              if (!f) { return null; }
              var i = f.querySelector('input[name=fleet]');
              i.value = '%d';
              i.dispatchEvent(new Event('input', { bubbles: true }));
              return f.querySelector('output').textContent;
            })()""".formatted(PLANNER_FLEET);

    private static final String CHARTS_JS = """
            JSON.stringify(%s.map(function (el) {
              var inst = echarts.getInstanceByDom(el);
              var points = 0;
              if (inst) { inst.getOption().series.forEach(function (s) {
                (s.data || []).forEach(function (p) { if (p && p[1] !== null && p[1] !== undefined) { points++; } }); }); }
              var c = el.querySelector('canvas');
              var painted = 0;
              if (c && c.width > 0 && c.height > 0) {
                var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { painted++; } }
              }
              return { run: el.getAttribute('data-run'), chart: el.getAttribute('data-chart'), points: points, painted: painted };
            }))""".formatted(VISIBLE_CHARTS);

    private ReportInBrowser() {
    }

    /**
     * @param openAll also open every run's section (not only the newest) before counting charts
     */
    public static Outcome check(Path indexHtml, Path outDir, String screenshotPrefix, boolean openAll) throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.launch(outDir.resolve(screenshotPrefix + "-browser"));
             CdpSession page = chromium.page()) {
            page.send("Page.enable");
            page.send("Runtime.enable");
            page.send("Log.enable");
            List<Path> shots = new ArrayList<>();

            device(page, 1280, 900, false);
            load(page, indexHtml.toUri().toString());
            int expected = page.eval(VISIBLE_CHARTS + ".length").asInt();
            int rendered = awaitCharts(page, expected);
            shots.add(screenshot(page, outDir.resolve(screenshotPrefix + "-desktop.png"), true));

            if (openAll) {
                page.eval("document.querySelectorAll('details.run').forEach(function (d) { d.open = true; }); true");
                expected = page.eval(VISIBLE_CHARTS + ".length").asInt();
                rendered = awaitCharts(page, expected);
            }
            List<Chart> charts = new ArrayList<>();
            for (JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.eval(CHARTS_JS).asText())) {
                charts.add(new Chart(c.path("run").asText(), c.path("chart").asText(), c.path("points").asInt(),
                        c.path("painted").asInt()));
            }
            String text = page.eval("document.body.innerText").asText();
            JsonNode answer = page.eval(TYPE_FLEET);
            String planner = answer == null || answer.isNull() || answer.isMissingNode() ? null : answer.asText();

            device(page, 390, 844, true);
            load(page, indexHtml.toUri().toString());
            awaitCharts(page, page.eval(VISIBLE_CHARTS + ".length").asInt());
            int scrollWidth = page.eval("document.documentElement.scrollWidth").asInt();
            int viewport = page.eval("window.innerWidth").asInt();
            shots.add(screenshot(page, outDir.resolve(screenshotPrefix + "-phone-top.png"), false));
            page.eval("var c = document.querySelector('details.run[open] .charts'); if (c) { c.scrollIntoView(); } true");
            shots.add(screenshot(page, outDir.resolve(screenshotPrefix + "-phone-charts.png"), false));
            shots.add(screenshot(page, outDir.resolve(screenshotPrefix + "-phone.png"), true));
            return new Outcome(expected, rendered, charts, page.errors(), scrollWidth, viewport, text, planner, shots);
        }
    }

    private static void device(CdpSession page, int width, int height, boolean mobile) {
        page.send("Emulation.setDeviceMetricsOverride", CdpSession.params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    private static void load(CdpSession page, String url) throws InterruptedException {
        int mark = page.eventCount();
        page.send("Page.navigate", CdpSession.params().put("url", url));
        page.awaitEvent(mark, "Page.loadEventFired", p -> true, Duration.ofSeconds(30));
    }

    /** Waits until the page has counted {@code expected} finished charts (or 30 s); returns the count reached. */
    private static int awaitCharts(CdpSession page, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int n = 0;
        while (System.nanoTime() < deadline) {
            n = page.eval("+(document.body.getAttribute('data-charts-rendered') || 0)").asInt();
            if (n >= expected) {
                return n;
            }
            Thread.sleep(100);
        }
        return n;
    }

    private static Path screenshot(CdpSession page, Path file, boolean fullPage) {
        var params = CdpSession.params().put("format", "png");
        if (fullPage) {
            JsonNode size = page.send("Page.getLayoutMetrics").path("cssContentSize");
            params.put("captureBeyondViewport", true);
            params.putObject("clip").put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
                    .put("height", Math.min(size.path("height").asDouble(), 16000)).put("scale", 1);
        }
        HeadlessChromium.writePng(file, page.send("Page.captureScreenshot", params).path("data").asText());
        return file;
    }
}
