package io.bonafide.schemas.serde.internal;

import org.apache.avro.Schema;

/**
 * What the serde asks of a schema registry: the writer schema behind an id, and the id of a
 * schema under a subject. {@link SchemaRegistryRestClient} answers over the Confluent REST API.
 */
public interface SchemaLookup {

    /** The schema registered with this id; throws {@code WireFormatException} if there is none. */
    Schema schemaById(int id);

    /** The id of {@code schema} under {@code subject}, registering it first when {@code register}. */
    int idFor(String subject, Schema schema, boolean register);
}
