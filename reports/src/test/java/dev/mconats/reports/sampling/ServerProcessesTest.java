package dev.mconats.reports.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a server's process by the socket it listens on, with this JVM standing in for the server. */
class ServerProcessesTest {
    private static final UnixOperatingSystemMXBean OS = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void theProcessListeningOnTheMonitorPortIsFoundWithItsRealOpenFilesLimit() throws Exception {
        try (ServerSocket monitor = new ServerSocket()) {
            monitor.bind(new InetSocketAddress("127.0.0.1", 0));
            long pid = ProcessHandle.current().pid();
            ServerProcesses.Found f = ServerProcesses.lookup(List.of(pid))
                    .find(URI.create("http://127.0.0.1:" + monitor.getLocalPort())).orElseThrow();
            assertThat(f.pid()).isEqualTo(pid);
            assertThat(f.openFilesLimit()).as("the JVM's own view of its soft limit").isEqualTo(OS.getMaxFileDescriptorCount());
            assertThat(f.openFiles()).isPositive().isCloseTo(OS.getOpenFileDescriptorCount(), org.assertj.core.data.Offset.offset(20L));
            assertThat(f.source()).isEqualTo("/proc/" + pid + "/limits");
        }
    }

    @Test
    void aServerWithNoProcessHereHasTheDeclaredLimitOrNone() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        URI gone = URI.create("http://127.0.0.1:" + port);
        assertThat(ServerProcesses.lookup(List.of(ProcessHandle.current().pid())).find(gone)).isEmpty();
        ServerProcesses.Found declared = ServerProcesses.lookup(List.of()).withDeclaredOpenFilesLimit(65_536).find(gone).orElseThrow();
        assertThat(declared).isEqualTo(new ServerProcesses.Found(-1, 65_536, -1, SampleFormat.SOURCE_TARGET_FILE));
        assertThat(ServerProcesses.lookup(List.of()).withDeclaredOpenFilesLimit(0).find(gone)).isEmpty();
    }

    @Test
    void procNetAddressesAreLittleEndianWords() throws Exception {
        assertThat(InetAddress.getByAddress(ServerProcesses.procAddress("0BD5007F"))).isEqualTo(InetAddress.getByName("127.0.213.11"));
        assertThat(InetAddress.getByAddress(ServerProcesses.procAddress("00000000000000000000000001000000")))
                .isEqualTo(InetAddress.getByName("::1"));
        assertThat(ServerProcesses.procAddress("0BD5")).isNull();
    }
}
