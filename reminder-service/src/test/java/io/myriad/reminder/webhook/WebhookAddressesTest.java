package io.myriad.reminder.webhook;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses a user's webhook may reach: literal addresses only, so no test depends on DNS. */
class WebhookAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.8", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
            "fd00::1", "fc12::3", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.1.1", "64:ff9b::a00:1",
            "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "::127.0.0.1", "2002:7f00:1::", "2002:a00:1::", "2001::1",
            "2001:db8::1", "100::1", "192.0.0.192", "198.18.0.1", "198.19.255.1", "240.0.0.1", "192.0.2.1",
            "203.0.113.9" })
    void refusesAddressesInsideTheNetwork(String address) throws Exception {
        assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isFalse();
        assertThat(WebhookAddresses.refusal(URI.create("http://" + bracketed(address) + "/hook"), false)).isPresent();
        assertThat(WebhookAddresses.refusal(URI.create("http://" + bracketed(address) + "/hook"), true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
            "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "2002:808:808::1", "192.0.1.1", "198.20.0.1" })
    void acceptsPublicAddresses(String address) throws Exception {
        assertThat(WebhookAddresses.isPublic(InetAddress.getByName(address))).isTrue();
        assertThat(WebhookAddresses.refusal(URI.create("https://" + bracketed(address) + "/hook"), false)).isEmpty();
    }

    private static String bracketed(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
