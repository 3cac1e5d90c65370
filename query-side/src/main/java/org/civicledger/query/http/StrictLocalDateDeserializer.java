package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Reads a date of a request body as an ISO string {@code yyyy-MM-dd} only. Jackson's own reader also
 * takes a number (days since 1970) and an array {@code [2025, 1, 1]}, which lets a wrong type pass as
 * some date nobody meant.
 */
public class StrictLocalDateDeserializer extends StdScalarDeserializer<LocalDate> {

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    public StrictLocalDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
        }
        String text = parser.getText();
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException notADate) {
                // Refused below, without the parser's message (it repeats the value).
            }
        }
        throw new InvalidTextException(parser, "must be a date as yyyy-MM-dd");
    }
}
