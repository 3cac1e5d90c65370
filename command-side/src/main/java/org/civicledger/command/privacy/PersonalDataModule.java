package org.civicledger.command.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.BeanProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.civicledger.events.common.PersonalData;

/**
 * The Jackson module that seals every {@link PersonalData} value in Axon's object mapper: stored
 * events hold a sealed envelope instead of the value's JSON. Register it in Axon's mapper only,
 * never in the HTTP one (the API takes and gives plain values), and never as a Spring {@code Module}
 * bean, which Spring Boot would add to the HTTP mapper.
 *
 * <p>The envelope (format {@value #FORMAT}):
 * <pre>{@code
 * {"sealed":"A256GCM.v1","subject":"<subject ref>","keyVersion":1,
 *  "clear":{"citizenSubject":"...","name":"[erased]"},
 *  "nonce":"<base64, 12 bytes>","ciphertext":"<base64, AES-256-GCM of the value's plain JSON, tag appended>"}
 * }</pre>
 * The subject ref is {@link SubjectHasher}'s keyed hash of the value's
 * {@link PersonalData#dataSubject()}; the key is that subject's data key of {@code keyVersion}; the
 * additional authenticated data is {@code "A256GCM.v1\n<subject ref>\n<keyVersion>"}, so ciphertext
 * moved to another subject or version does not open. {@code clear} is the JSON of the value's
 * {@link PersonalData#erasedForm()} without its null fields: what anyone may read, key or not.
 *
 * <p>Reading: an envelope whose key exists is opened into the value; one whose key was destroyed
 * reads as the erased form (never an exception, so replays and rebuilds after an erasure run as
 * before); one whose key does not open it (wrong master key, altered bytes) fails loudly with a
 * {@link SealedDataException}. Plain JSON (events stored before sealing existed, erased forms
 * written again, say into a dead-letter queue) is read as it is.
 */
public final class PersonalDataModule extends SimpleModule {

    public static final String FORMAT = "A256GCM.v1";
    private static final int TAG_BITS = 128;
    /** Reads and writes plain trees only; the value's own (de)serializers do the rest. */
    private static final ObjectMapper TREES = new ObjectMapper();

    private final transient SubjectHasher hasher;
    private final transient DataKeyring keys;
    private final transient NonceSource nonces;

    public PersonalDataModule(SubjectHasher hasher, DataKeyring keys, NonceSource nonces) {
        super("civic-ledger-personal-data");
        this.hasher = hasher;
        this.keys = keys;
        this.nonces = nonces;
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return PersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new SealingSerializer((JsonSerializer<Object>) serializer)
                        : serializer;
            }
        });
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return PersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new OpeningDeserializer(deserializer)
                        : deserializer;
            }
        });
    }

    static byte[] additionalData(String subjectRef, int keyVersion) {
        return (FORMAT + "\n" + subjectRef + "\n" + keyVersion).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode plainTree(JsonSerializer<Object> serializer, Object value, JsonGenerator generator,
                                      SerializerProvider provider) throws IOException {
        TokenBuffer buffer = new TokenBuffer(generator.getCodec(), false);
        serializer.serialize(value, buffer, provider);
        try (JsonParser parser = buffer.asParser()) {
            return TREES.readTree(parser);
        }
    }

    /** Writes the envelope; the value's plain JSON comes from the serializer Jackson made for it. */
    private final class SealingSerializer extends StdSerializer<Object> implements ContextualSerializer, ResolvableSerializer {

        private final JsonSerializer<Object> plain;

        SealingSerializer(JsonSerializer<Object> plain) {
            super(Object.class);
            this.plain = plain;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (plain instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (plain instanceof ContextualSerializer contextual) {
                JsonSerializer<?> contextualPlain = contextual.createContextual(provider, property);
                if (contextualPlain != plain) {
                    return new SealingSerializer((JsonSerializer<Object>) contextualPlain);
                }
            }
            return this;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            PersonalData data = (PersonalData) value;
            if (data.isErased() || data.dataSubject() == null) {
                // Nothing personal is left to seal: the erased form is its own clear part.
                plain.serialize(value, generator, provider);
                return;
            }
            String subjectRef = hasher.refFor(data.dataSubject());
            DataKeyring.DataKey key = keys.sealingKey(subjectRef);
            byte[] plaintext = TREES.writeValueAsBytes(plainTree(plain, value, generator, provider));
            ObjectNode clear = (ObjectNode) plainTree(plain, data.erasedForm(), generator, provider);
            List<String> nulls = new ArrayList<>();
            clear.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                }
            });
            clear.remove(nulls);
            byte[] nonce = nonces.next();
            byte[] ciphertext;
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(additionalData(subjectRef, key.version()));
                ciphertext = cipher.doFinal(plaintext);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot seal personal data of subject " + subjectRef, e);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
            generator.writeStartObject();
            generator.writeStringField("sealed", FORMAT);
            generator.writeStringField("subject", subjectRef);
            generator.writeNumberField("keyVersion", key.version());
            generator.writeFieldName("clear");
            generator.writeTree(clear);
            generator.writeStringField("nonce", Base64.getEncoder().encodeToString(nonce));
            generator.writeStringField("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
            generator.writeEndObject();
        }
    }

    /** Opens the envelope, or reads the erased form when the key is gone; plain JSON passes through. */
    private final class OpeningDeserializer extends DelegatingDeserializer {

        OpeningDeserializer(JsonDeserializer<?> plain) {
            super(plain);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new OpeningDeserializer(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            JsonNode format = tree.get("sealed");
            if (format == null) {
                return readPlain(tree, parser, context);
            }
            if (!FORMAT.equals(format.asText())) {
                throw new SealedDataException("unknown sealed format " + format.asText());
            }
            String subjectRef = tree.path("subject").asText();
            int keyVersion = tree.path("keyVersion").asInt();
            Optional<SecretKey> key = keys.openingKey(subjectRef, keyVersion);
            if (key.isEmpty()) {
                return readPlain(tree.path("clear"), parser, context);
            }
            byte[] plaintext;
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key.get(),
                        new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(tree.path("nonce").asText())));
                cipher.updateAAD(additionalData(subjectRef, keyVersion));
                plaintext = cipher.doFinal(Base64.getDecoder().decode(tree.path("ciphertext").asText()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new SealedDataException("sealed personal data of subject " + subjectRef + " v" + keyVersion
                        + " does not open: altered, moved to another subject, or sealed under another key");
            }
            try {
                return readPlain(TREES.readTree(plaintext), parser, context);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }

        private Object readPlain(JsonNode tree, JsonParser parser, DeserializationContext context) throws IOException {
            try (JsonParser plainParser = tree.traverse(parser.getCodec())) {
                plainParser.nextToken();
                return _delegatee.deserialize(plainParser, context);
            }
        }
    }

    @Override
    public Object getTypeId() {
        return getClass().getName();
    }
}
