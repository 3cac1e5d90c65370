package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes Spring MVC read request bodies strictly: an unknown field, a duplicate key, trailing tokens, a
 * missing primitive, a value of another JSON type (a string "12" for a number, a number for a string,
 * a fraction where a whole number belongs) is a 400, not something silently dropped, coerced or rounded.
 * Bodies are bounded in nesting depth, string, number and field-name length, token count and size, so
 * a hostile document is refused by the parser before it costs memory or stack. Every string is checked
 * and normalised by {@link RequestText} (via {@link StrictStringDeserializer}).
 *
 * <p>Only MVC's converter gets a strict copy of the application's ObjectMapper. The shared mapper
 * stays lenient, because Axon's serializer and HTTP clients use it, and stored events must keep
 * loading after a field is added.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration implements WebMvcConfigurer {

    /** Deeper than any request body (three levels at most), far below what could exhaust a stack. */
    public static final int NESTING_DEPTH_MAX = 32;
    /** Above every field's own cap (2,000 characters at most), so those caps name the field first. */
    public static final int STRING_LENGTH_MAX = 16_384;
    /** A long has 19 digits; no request number needs more. */
    public static final int NUMBER_LENGTH_MAX = 32;
    public static final int NAME_LENGTH_MAX = 256;
    /** Enough for a calendar year of 366 holidays and make-up days; a body has far fewer. */
    public static final int TOKEN_COUNT_MAX = 10_000;

    private final long documentLengthMax;

    public StrictJsonConfiguration(
            @Value("${ledger.api.request-body-limit-bytes:" + RequestBodyLimitFilter.DEFAULT_LIMIT_BYTES + "}") long documentLengthMax) {
        this.documentLengthMax = documentLengthMax;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            // The converter instances may be shared with HTTP clients: replace, never reconfigure.
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter jackson) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict(jackson.getObjectMapper(), documentLengthMax)));
            }
        }
    }

    @SuppressWarnings("deprecation") // MapperFeature.ALLOW_COERCION_OF_SCALARS still governs scalar coercion in Jackson 2.
    static ObjectMapper strict(ObjectMapper lenient, long documentLengthMax) {
        ObjectMapper strict = lenient.copy();
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(NESTING_DEPTH_MAX)
                .maxStringLength(STRING_LENGTH_MAX)
                .maxNumberLength(NUMBER_LENGTH_MAX)
                .maxNameLength(NAME_LENGTH_MAX)
                .maxTokenCount(TOKEN_COUNT_MAX)
                .maxDocumentLength(documentLengthMax)
                .build());
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // Strings and dates have readers of their own (below) that take JSON strings only.
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        for (LogicalType structured : List.of(LogicalType.POJO, LogicalType.Collection)) {
            strict.coercionConfigFor(structured)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        SimpleModule text = new SimpleModule("civic-ledger-request-text");
        text.addDeserializer(String.class, new StrictStringDeserializer());
        text.addDeserializer(LocalDate.class, new StrictLocalDateDeserializer());
        return strict.registerModule(text)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }
}
