package dev.zielmonitor.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The local addresses a TCP port is listened on, as the kernel reports them ({@code /proc/net/tcp} and
 * {@code tcp6}, Linux): for tests that show a server binds the loopback interface only, also on a machine that has
 * no other interface to try connecting through.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every address a socket in state LISTEN on {@code port} is bound to (0.0.0.0 or :: for all interfaces). */
    public static List<InetAddress> boundTo(int port) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue; // no IPv6 in this kernel
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) { // after the header
                    String[] fields = line.trim().split("\\s+");
                    String[] local = fields[1].split(":");
                    if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                        addresses.add(address(local[0]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + table, e);
            }
        }
        if (!Files.exists(Path.of("/proc/net/tcp"))) {
            throw new IllegalStateException("no /proc/net/tcp: the listening sockets are known on Linux only");
        }
        return addresses;
    }

    /**
     * An address of this machine on an interface that is up and is not the loopback (nor link-local), if it has one:
     * what a client on another machine would connect to.
     */
    public static Optional<InetAddress> otherInterfaceAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ListeningSockets::upAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            throw new IllegalStateException("could not list the network interfaces", e);
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    /** The kernel writes each 32-bit word of the address in host byte order (little endian here). */
    private static InetAddress address(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = b;
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + hex, e);
        }
    }
}
