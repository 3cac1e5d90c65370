package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes Spring MVC read request bodies strictly: an unknown field, a missing primitive or a fraction
 * where a whole number belongs is a 400, not something silently dropped or rounded.
 *
 * <p>Only MVC's converter gets a strict copy of the application's ObjectMapper. The shared mapper
 * stays lenient, because Axon's serializer and HTTP clients use it, and stored events must keep
 * loading after a field is added.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            // The converter instances may be shared with HTTP clients: replace, never reconfigure.
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter jackson) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict(jackson.getObjectMapper())));
            }
        }
    }

    static ObjectMapper strict(ObjectMapper lenient) {
        return lenient.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }
}
