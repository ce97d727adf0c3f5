package io.myriad.reminder.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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

    /** Why a webhook may not go to {@code url}'s host, or empty when it may. */
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
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("host " + host + " is a loopback, private or link-local address ("
                        + address.getHostAddress() + "), which webhooks may not reach");
            }
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
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            boolean thisNetwork = first == 0;
            boolean shared = first == 100 && (second & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
            boolean broadcast = first == 255;
            return !(thisNetwork || shared || broadcast);
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc; // fc00::/7
            return !uniqueLocal;
        }
        return false;
    }
}
