package io.myriad.reminder.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which hosts a webhook may be sent to. A user names the URL, so without a rule any user could make this service
 * POST into the network it runs in: loopback, private, link-local (cloud metadata at 169.254.169.254 among them),
 * shared (100.64/10), unspecified and multicast addresses, IPv6 unique-local included, are refused unless the
 * deployment allows them ({@code myriad.reminders.webhook.allow-private-addresses}, which the local fleet sets).
 *
 * <p>The host is resolved here and again by the HTTP client when it connects, so a name whose DNS answer changes in
 * between could still reach an address refused here; a deployment facing untrusted users also wants an egress
 * proxy or network policy.
 */
final class WebhookAddresses {

    private WebhookAddresses() {
    }

    /**
     * Why a webhook may not go to {@code url}'s host, or empty when it may. The answer names the host the user gave,
     * never what it resolved to, so that it cannot be used to map the service's internal network.
     */
    static Optional<String> refusal(URI url, boolean allowPrivate) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host == null) {
            return Optional.of("the URL names no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        }
        catch (UnknownHostException ex) {
            addresses = new InetAddress[0];
        }
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(WebhookAddresses::isPublic)) {
            return Optional.of("host " + host + " must resolve to public addresses only: webhooks may not reach"
                    + " loopback, private or link-local ones");
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isPublicIpv6(bytes);
        }
        return false;
    }

    /** Not in an IANA special-purpose block that is not globally reachable. */
    private static boolean isPublicIpv4(byte[] bytes) {
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        int c = bytes[2] & 0xff;
        boolean special = a == 0 || a == 10 || a == 127 // this network, private, loopback
                || (a == 100 && (b & 0xc0) == 64) // 100.64.0.0/10, shared (carrier-grade NAT)
                || (a == 169 && b == 254) // link-local, cloud metadata
                || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168) // private
                || (a == 192 && b == 0 && c == 0) // 192.0.0.0/24, protocol assignments
                || (a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113) // documentation
                || (a == 198 && (b & 0xfe) == 18) // 198.18.0.0/15, benchmarking
                || a >= 224; // multicast, reserved (240/4), broadcast
        return !special;
    }

    /**
     * Only global unicast (2000::/3), which leaves out unique-local, link-local, NAT64 (64:ff9b::/96 and /48, which
     * may reach private IPv4 addresses), IPv4-compatible and discard-only addresses; and within it, not 6to4 unless
     * its IPv4 address is public, not Teredo and IETF assignments (2001::/23), not documentation (2001:db8::/32).
     */
    private static boolean isPublicIpv6(byte[] bytes) {
        if ((bytes[0] & 0xe0) != 0x20) {
            return false;
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) { // 2002::/16, 6to4: the IPv4 address is in bytes 2-5
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        boolean ietf = bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && (bytes[3] & 0xfe) == 0x00;
        boolean documentation = bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && (bytes[3] & 0xff) == 0xb8;
        return !(ietf || documentation);
    }
}
