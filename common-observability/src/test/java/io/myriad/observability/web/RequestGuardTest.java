package io.myriad.observability.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTest {

    @Test
    void refusesMultipartWildcardAndUnparsableContentTypes() {
        assertThat(RequestGuard.refusal("multipart/form-data; boundary=x")).contains("multipart");
        assertThat(RequestGuard.refusal("*/*")).contains("wildcard");
        assertThat(RequestGuard.refusal("application/*")).contains("wildcard");
        assertThat(RequestGuard.refusal("json")).contains("not a valid media type");
    }

    @Test
    void acceptsOneNamedContentType() {
        assertThat(RequestGuard.refusal("application/json")).isNull();
        assertThat(RequestGuard.refusal("application/json; charset=utf-8")).isNull();
        assertThat(RequestGuard.refusal(null)).isNull();
    }

    @Test
    void refusesTargetsWithDotSegmentsHoweverTheyAreSpelled() {
        assertThat(RequestGuard.isNormalized("/actuator/health/../x")).isFalse();
        assertThat(RequestGuard.isNormalized("/actuator/health/%2E%2e/x")).isFalse();
        assertThat(RequestGuard.isNormalized("/a/./b")).isFalse();
        assertThat(RequestGuard.isNormalized("/a/..;x=1/b")).isFalse();
        assertThat(RequestGuard.isNormalized("/api/v1/reminders/..")).isFalse();
    }

    @Test
    void acceptsNormalizedTargets() {
        assertThat(RequestGuard.isNormalized("/api/v1/queries")).isTrue();
        assertThat(RequestGuard.isNormalized("/a/b.c/..d/e..")).isTrue();
        assertThat(RequestGuard.isNormalized("/")).isTrue();
    }
}
