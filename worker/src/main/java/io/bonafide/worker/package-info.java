/**
 * The Kafka fleet member: consumes verification requests, runs the operations under rate limits and backpressure, publishes results and errors. Filled by the worker issue.
 */
package io.bonafide.worker;
