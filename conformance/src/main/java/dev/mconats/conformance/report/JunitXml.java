package dev.mconats.conformance.report;

import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.Status;
import dev.mconats.conformance.SuiteResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml} in the Ant/Surefire format CI servers read: one testsuite per check group (tls, srv, routes,
 * monitor), one testcase per check and node named by the check ID ({@code tls/plaintext-rejected[nats1:4222]}).
 * FAIL is a {@code <failure>}, SKIP a {@code <skipped>} with the reason; WARN passes and says why in system-out.
 * In a strict run SKIP and WARN are failures too (type {@code strict}), so that a CI gate reading the XML agrees
 * with the exit code. Each testsuite carries the run's headline and strictness as properties.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static void write(SuiteResult r, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "mco-nats conformance: " + r.target() + ": " + r.headline());
            attributes(w, r.results().size(), r.counts(), r.duration().toNanos(), r.strict());
            for (String group : r.checks().stream().map(c -> c.id().substring(0, Math.max(0, c.id().indexOf('/')))).distinct().toList()) {
                var checks = r.checks().stream().filter(c -> c.id().startsWith(group + "/")).toList();
                var results = checks.stream().flatMap(c -> c.results().stream()).toList();
                java.util.Map<Status, Long> counts = new java.util.EnumMap<>(Status.class);
                for (Status s : Status.values()) {
                    counts.put(s, results.stream().filter(x -> x.status() == s).count());
                }
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", group);
                attributes(w, results.size(), counts, checks.stream().mapToLong(c -> c.duration().toNanos()).sum(), r.strict());
                w.writeAttribute("timestamp", r.started().toString());
                w.writeCharacters("\n    ");
                w.writeStartElement("properties");
                property(w, "headline", r.headline());
                property(w, "strict", Boolean.toString(r.strict()));
                w.writeEndElement();
                for (CheckResult res : results) {
                    testcase(w, group, res, r.strict());
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts as JUnit sees them: in a strict run SKIP and WARN are failures. */
    private static void attributes(XMLStreamWriter w, int tests, java.util.Map<Status, Long> counts, long nanos, boolean strict)
            throws XMLStreamException {
        long fail = counts.getOrDefault(Status.FAIL, 0L);
        long skip = counts.getOrDefault(Status.SKIP, 0L);
        long warn = counts.getOrDefault(Status.WARN, 0L);
        w.writeAttribute("tests", Integer.toString(tests));
        w.writeAttribute("failures", Long.toString(strict ? fail + skip + warn : fail));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", Long.toString(strict ? 0 : skip));
        w.writeAttribute("time", seconds(nanos));
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter w, String group, CheckResult res, boolean strict) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", "conformance." + group);
        w.writeAttribute("name", res.testName());
        w.writeAttribute("time", seconds(res.duration().toNanos()));
        String evidence = String.join("\n", res.evidence());
        if (strict && (res.status() == Status.SKIP || res.status() == Status.WARN)) {
            w.writeStartElement("failure");
            w.writeAttribute("message", res.status() + " (strict run): " + res.message());
            w.writeAttribute("type", "strict");
            w.writeCharacters(evidence);
            w.writeEndElement();
            w.writeEndElement();
            return;
        }
        switch (res.status()) {
            case FAIL -> {
                w.writeStartElement("failure");
                w.writeAttribute("message", res.message());
                w.writeAttribute("type", res.checkId());
                w.writeCharacters(evidence);
                w.writeEndElement();
            }
            case SKIP -> {
                w.writeEmptyElement("skipped");
                w.writeAttribute("message", res.message());
            }
            case WARN, PASS -> {
                w.writeStartElement("system-out");
                w.writeCharacters(res.status() + ": " + res.message() + (evidence.isEmpty() ? "" : "\n" + evidence));
                w.writeEndElement();
            }
        }
        w.writeEndElement();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
