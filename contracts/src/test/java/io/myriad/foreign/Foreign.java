package io.myriad.foreign;

/** A record outside the contracts' package, which a consumer must refuse to instantiate. */
public record Foreign(String value) {
}
