package org.mashhub.hub.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mashhub.adapters.identity.MatchWeights;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The matcher's weights, checked at start-up: a missing or impossible value stops the hub with its name. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    MatchWeights matchWeights(IdentityProperties properties) throws IOException {
        if (properties.weightsFile() == null || properties.weightsFile().isBlank()) {
            return MatchWeights.defaults();
        }
        try (InputStream in = Files.newInputStream(Path.of(properties.weightsFile()))) {
            return MatchWeights.load(in);
        }
    }
}
