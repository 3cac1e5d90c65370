package org.civicledger.query.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A string in a request body holds characters the ledger does not take (see {@link RequestText}).
 * Jackson adds the field's path on the way out; the message never repeats the text.
 */
public class InvalidTextException extends JsonMappingException {

    public InvalidTextException(JsonParser parser, String problem) {
        super(parser, problem);
    }
}
