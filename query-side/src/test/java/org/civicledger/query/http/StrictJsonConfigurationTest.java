package org.civicledger.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict request mapper's limits, shown on the parser itself, and that the shared mapper keeps none of them. */
class StrictJsonConfigurationTest {

    final ObjectMapper lenient = new ObjectMapper();
    final ObjectMapper strict = StrictJsonConfiguration.strict(lenient, 64 * 1024);

    @Test
    void nesting_is_read_to_32_levels_and_no_deeper() throws Exception {
        assertThat(strict.readTree("[".repeat(32) + "]".repeat(32))).isNotNull();
        assertThatThrownBy(() -> strict.readTree("[".repeat(33) + "]".repeat(33)))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> strict.readTree("[".repeat(10_000) + "]".repeat(10_000)))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void strings_numbers_names_and_documents_are_bounded() {
        assertThatThrownBy(() -> strict.readTree("[\"" + "x".repeat(StrictJsonConfiguration.STRING_LENGTH_MAX + 1) + "\"]"))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("String value length");
        assertThatThrownBy(() -> strict.readTree("[1" + "0".repeat(StrictJsonConfiguration.NUMBER_LENGTH_MAX) + "]"))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Number value length");
        assertThatThrownBy(() -> strict.readTree("{\"" + "n".repeat(StrictJsonConfiguration.NAME_LENGTH_MAX + 1) + "\": 1}"))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Name length");
        assertThatThrownBy(() -> strict.readTree("[" + "1,".repeat(StrictJsonConfiguration.TOKEN_COUNT_MAX) + "1]"))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Token count");
        assertThatThrownBy(() -> strict.readTree(("[\"" + "x".repeat(10_000) + "\",").repeat(7) + "1]"))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("Document length");
    }

    @Test
    void the_shared_mapper_is_left_as_it_was() throws Exception {
        assertThat(lenient.readTree("[".repeat(100) + "]".repeat(100))).isNotNull();
        assertThat(lenient.readValue("{\"a\": \"\\u0000\"}", Map.class)).containsEntry("a", "\u0000");
    }

    @Test
    void strings_are_checked_and_normalised() throws Exception {
        record Body(String text) {
        }
        assertThat(strict.readValue("{\"text\": \"e\\u0301\\r\\nx\"}", Body.class).text()).isEqualTo("\u00e9\nx");
        assertThatThrownBy(() -> strict.readValue("{\"text\": \"\\ud83d\"}", Body.class)).isInstanceOf(InvalidTextException.class);
        assertThat(strict.readValue("{\"text\": \"\\ud83d\\ude00\"}", Body.class).text()).isEqualTo("\ud83d\ude00");
        assertThatThrownBy(() -> strict.readValue("{\"text\": \"\\ud83f\\udffe\"}", Body.class)).isInstanceOf(InvalidTextException.class);
    }
}
