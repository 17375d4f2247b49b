package org.medgo.gateway.operations.model;

/** What the Device resource says about the model that wrote a Composition. */
public record ModelIdentity(String name, String version, String bundleSha256, boolean demo) {}
