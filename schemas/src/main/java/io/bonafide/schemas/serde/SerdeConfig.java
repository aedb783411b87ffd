package io.bonafide.schemas.serde;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Every configuration key of the event serde, declared once with its type, default, validator
 * and documentation. The registry keys keep Confluent's names ({@code schema.registry.url},
 * {@code auto.register.schemas}, {@code specific.avro.reader}, {@code basic.auth.user.info}), so
 * that the same map configures Confluent's {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer}
 * when a deployment selects them through the four class keys below.
 */
public final class SerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REGISTRY_TIMEOUT_MS = "bonafide.serde.registry.timeout.ms";
    public static final String SCHEMA_CACHE_CAPACITY = "bonafide.serde.schema.cache.capacity";
    public static final String KEY_SERIALIZER = "bonafide.serde.key.serializer";
    public static final String KEY_DESERIALIZER = "bonafide.serde.key.deserializer";
    public static final String VALUE_SERIALIZER = "bonafide.serde.value.serializer";
    public static final String VALUE_DESERIALIZER = "bonafide.serde.value.deserializer";

    /** The definition, public so that documentation and other configs can include it. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    (name, value) -> {
                        if (value == null || ((List<?>) value).isEmpty()) {
                            throw new ConfigException(name, value, "at least one registry URL is required");
                        }
                    },
                    Importance.HIGH,
                    "Base URLs of a Confluent-compatible Schema Registry REST API, tried in order "
                            + "(Confluent: http://host:8081; Apicurio: http://host:8080/apis/ccompat/v7).")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, false, Importance.HIGH,
                    "Register a writer schema that its subject does not hold yet. Off by default so "
                            + "that production writers only use schemas a release registered; "
                            + "local stacks and tests turn it on.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Deserialize into the generated SpecificRecord classes where the classpath has "
                            + "them (else GenericRecord).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic authentication against the registry, if it needs it.")
            .define(REGISTRY_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.between(100, 600_000),
                    Importance.LOW, "Connect and request timeout of one registry call, in milliseconds.")
            .define(SCHEMA_CACHE_CAPACITY, Type.INT, 1_000, ConfigDef.Range.between(1, 1_000_000),
                    Importance.LOW, "Most schemas (and most subject/schema ids) kept in memory per serde.")
            .define(KEY_SERIALIZER, Type.CLASS, WireFormatSerializer.class, Importance.MEDIUM,
                    "Serializer of event keys; Confluent's io.confluent.kafka.serializers.KafkaAvroSerializer fits.")
            .define(KEY_DESERIALIZER, Type.CLASS, WireFormatDeserializer.class, Importance.MEDIUM,
                    "Deserializer of event keys; Confluent's io.confluent.kafka.serializers.KafkaAvroDeserializer fits.")
            .define(VALUE_SERIALIZER, Type.CLASS, WireFormatSerializer.class, Importance.MEDIUM,
                    "Serializer of event values.")
            .define(VALUE_DESERIALIZER, Type.CLASS, WireFormatDeserializer.class, Importance.MEDIUM,
                    "Deserializer of event values.");

    public SerdeConfig(Map<String, ?> originals) {
        super(DEFINITION, originals, false);
        checkClass(KEY_SERIALIZER, Serializer.class);
        checkClass(VALUE_SERIALIZER, Serializer.class);
        checkClass(KEY_DESERIALIZER, Deserializer.class);
        checkClass(VALUE_DESERIALIZER, Deserializer.class);
    }

    private void checkClass(String key, Class<?> expected) {
        Class<?> actual = getClass(key);
        if (!expected.isAssignableFrom(actual)) {
            throw new ConfigException(key, actual.getName(),
                    "must implement " + expected.getName());
        }
    }
}
