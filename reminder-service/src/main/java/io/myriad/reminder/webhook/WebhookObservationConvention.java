package io.myriad.reminder.webhook;

import java.net.URI;

import io.micrometer.common.KeyValue;

import org.springframework.http.client.observation.ClientHttpObservationDocumentation.HighCardinalityKeyNames;
import org.springframework.http.client.observation.ClientHttpObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * How a webhook call is observed. Spring tags {@code http.client.requests} with the host called
 * ({@code client.name}), and a webhook's host is whatever its owner typed: thirty receivers made thirty times every
 * series. The tag is {@code webhook} for all of them; the host stays on the span, where a trace search finds it.
 * The span's URL loses its user info and query, which may carry the receiver's credentials.
 */
class WebhookObservationConvention extends DefaultClientRequestObservationConvention {

    static final String CLIENT_NAME = "webhook";

    @Override
    protected KeyValue clientName(ClientRequestObservationContext context) {
        return KeyValue.of(LowCardinalityKeyNames.CLIENT_NAME, CLIENT_NAME);
    }

    @Override
    protected KeyValue requestUri(ClientRequestObservationContext context) {
        return KeyValue.of(HighCardinalityKeyNames.HTTP_URL, withoutCredentials(context));
    }

    private static String withoutCredentials(ClientRequestObservationContext context) {
        if (context.getCarrier() == null) {
            return KeyValue.NONE_VALUE;
        }
        URI uri = context.getCarrier().getURI();
        return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "")
                + ((uri.getRawPath() != null) ? uri.getRawPath() : "");
    }
}
