package org.medgo.gateway.openai;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The OpenAI-compatible API ({@code medgo.openai.*}).
 *
 * @param servedModelName the {@code model} clients name (vLLM's {@code --served-model-name})
 * @param defaultMaxTokens generation budget when a call names none
 */
@Validated
@ConfigurationProperties("medgo.openai")
public record ModelApiProperties(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/:-]{0,127}") String servedModelName,
        @Min(1) @Max(131_072) Integer defaultMaxTokens) {

    public ModelApiProperties {
        servedModelName = servedModelName == null || servedModelName.isBlank() ? "medgo" : servedModelName;
        defaultMaxTokens = defaultMaxTokens == null ? 1024 : defaultMaxTokens;
    }
}
