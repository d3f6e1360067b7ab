package dev.mconats.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.reports.progress.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Board board(String key, String... lines) {
        return new Board(Phase.ROUNDS, key, List.of(lines), String.join(" / ", lines));
    }

    private PrintWriter pw(StringWriter w) {
        return new PrintWriter(w, true);
    }

    @Test
    void aTerminalViewRewritesItsLinesInPlaceAndPrintsOtherLinesAboveThem() {
        TerminalView v = new TerminalView(pw(out), pw(err), 0);
        v.show(board("a", "load: head", "  shard 0", "  shard 1"));
        v.show(board("a", "load: head 2", "  shard 0", "  shard 1"));
        v.println("a permanent line");
        v.printErr("error: bad");
        v.finish(board("done", "load: done"));
        String s = out.toString();
        // back to the first of three live lines, erase below, draw again, with auto-wrap off while drawing
        assertThat(s).contains("\r\u001b[2A\u001b[J\u001b[?7lload: head 2\n  shard 0\n  shard 1\u001b[?7h");
        assertThat(s).contains("\u001b[Ja permanent line\n\u001b[?7lload: head 2");
        assertThat(s).endsWith("\u001b[?7lload: done\u001b[?7h\n");
        assertThat(err.toString()).isEqualTo("error: bad" + System.lineSeparator());
        // every update rewrote the same three lines: only the permanent lines and the final one end a line for good
        assertThat(s.replaceAll("\u001b\\[\\?7l[^\u001b]*\u001b\\[\\?7h", "")).containsOnlyOnce("a permanent line\n");
    }

    @Test
    void aLongLineIsCutToTheTerminalWidth() {
        TerminalView v = new TerminalView(pw(out), pw(err), 10);
        v.show(board("a", "0123456789abcdef"));
        assertThat(out.toString()).contains("012345678\u001b[?7h").doesNotContain("9abc");
    }

    @Test
    void aLineViewPrintsAtEachPhaseChangeAndOtherwiseOnlyEveryInterval() {
        LineView v = new LineView(pw(out), pw(err), 60_000);
        v.show(board("round 1 of 2", "load: round 1"));
        v.show(board("round 1 of 2", "load: round 1 again"));
        v.show(board("round 2 of 2", "load: round 2"));
        v.finish(board("done", "load: done"));
        v.show(board("done", "load: done"));
        assertThat(out.toString().lines()).containsExactly("load: round 1", "load: round 2", "load: done");
        assertThat(out.toString()).doesNotContain("\u001b");
    }

    @Test
    void theModeIsTheOptionThenTheEnvironmentThenWhetherOutputIsATerminal() {
        assertThat(ConsoleMode.choose(null, null, true, "xterm")).isEqualTo(ConsoleMode.TTY);
        assertThat(ConsoleMode.choose(null, null, false, "xterm")).isEqualTo(ConsoleMode.LINES);
        assertThat(ConsoleMode.choose(null, null, true, "dumb")).isEqualTo(ConsoleMode.LINES);
        assertThat(ConsoleMode.choose("auto", "off", true, "xterm")).isEqualTo(ConsoleMode.TTY);
        assertThat(ConsoleMode.choose(null, "off", true, "xterm")).isEqualTo(ConsoleMode.OFF);
        assertThat(ConsoleMode.choose("tty", "lines", false, null)).isEqualTo(ConsoleMode.TTY);
        assertThatThrownBy(() -> ConsoleMode.choose("fancy", null, true, null))
                .hasMessage("--progress: expected auto, tty, lines or off, got 'fancy'");
        assertThatThrownBy(() -> ConsoleMode.choose(null, "x", true, null)).hasMessageStartingWith(ConsoleMode.ENV + ":");
    }
}
