package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads every string of a request body: a JSON string only (never a number, boolean, array or object
 * coerced to text), checked and normalised by {@link RequestText} before any validation sees it.
 *
 * <p>Normalising here, where the body is read, rather than in each request record, covers every string
 * field of every body at once, list elements included, and a new request record cannot forget it.
 * It is registered on Spring MVC's strict mapper only: events and other stored JSON are read as stored.
 */
public class StrictStringDeserializer extends StdScalarDeserializer<String> {

    public StrictStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String text = parser.getText();
        String problem = RequestText.problemWith(text);
        if (problem != null) {
            throw new InvalidTextException(parser, problem);
        }
        return RequestText.normalise(text);
    }
}
