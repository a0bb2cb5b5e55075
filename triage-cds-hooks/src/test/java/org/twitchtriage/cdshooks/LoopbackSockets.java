package org.twitchtriage.cdshooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The TCP connections to a port as the Linux kernel sees them ({@code /proc/net/tcp} and {@code tcp6}): each end's
 * state and the bytes waiting in its send and receive queues. Taken when a call times out, it tells a service that
 * stopped reading (bytes waiting in the server end's receive queue) from an answer the client did not read (bytes
 * waiting in the client end's receive queue) and from a connection the server closed while the client waits
 * ({@code CLOSE_WAIT} on the client end). Where there is no {@code /proc}, it says so.
 */
final class LoopbackSockets {
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("01", "ESTABLISHED"),
            Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"), Map.entry("04", "FIN_WAIT1"),
            Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"), Map.entry("07", "CLOSE"),
            Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"), Map.entry("0A", "LISTEN"),
            Map.entry("0B", "CLOSING"));

    private LoopbackSockets() {
    }

    /** @return one line per connection end with {@code port} on either side (TIME_WAIT ones counted, not listed) */
    static String describe(int port) {
        List<String> lines = new ArrayList<>();
        int timeWait = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows;
            try {
                rows = Files.readAllLines(Path.of(file));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                String[] f = row.trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                int local = port(f[1]);
                int remote = port(f[2]);
                String state = STATES.getOrDefault(f[3], f[3]);
                if (local != port && remote != port || state.equals("LISTEN")) {
                    continue;
                }
                if (state.equals("TIME_WAIT")) {
                    timeWait++;
                    continue;
                }
                String[] queues = f[4].split(":");
                lines.add(String.format("  %s end :%d -> :%d %s, send queue %d bytes, receive queue %d bytes",
                        local == port ? "server" : "client", local, remote, state, Long.parseLong(queues[0], 16),
                        Long.parseLong(queues[1], 16)));
            }
        }
        if (lines.isEmpty() && timeWait == 0) {
            return "connections to port " + port + ": none found (no /proc/net/tcp?)";
        }
        return "connections to port " + port + " at the deadline (" + timeWait + " more in TIME_WAIT):\n"
                + String.join("\n", lines);
    }

    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
    }
}
